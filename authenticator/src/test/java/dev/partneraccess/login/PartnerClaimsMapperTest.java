package dev.partneraccess.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.provider.ProviderConfigProperty;

class PartnerClaimsMapperTest {

    private final List<ProviderConfigProperty> options = new PartnerClaimsMapper().getConfigProperties();

    @Test
    @DisplayName("Given the mapper's options, then every one declares its default, so the admin console starts from what the server does")
    void everyOptionDeclaresItsDefault() {
        assertThat(options).extracting(ProviderConfigProperty::getName).contains("access.token.claim", "id.token.claim",
                "userinfo.token.claim", PartnerClaimsMapper.CAP_LIFETIME);
        assertThat(options).allSatisfy(option -> assertThat(option.getDefaultValue()).as(option.getName()).isNotNull());
    }

    @Test
    @DisplayName("Given a mapper without the cap option, then the server caps token lifetimes, as the declared default says")
    void capDefaultIsWhatTheServerDoesWithoutTheOption() {
        ProtocolMapperModel mapper = new ProtocolMapperModel();
        mapper.setConfig(new HashMap<>());
        Object declared = options.stream().filter(o -> o.getName().equals(PartnerClaimsMapper.CAP_LIFETIME)).findFirst()
                .orElseThrow().getDefaultValue();
        assertThat(PartnerClaimsMapper.capsLifetime(mapper)).isEqualTo(Boolean.parseBoolean(String.valueOf(declared))).isTrue();
        mapper.getConfig().put(PartnerClaimsMapper.CAP_LIFETIME, "false");
        assertThat(PartnerClaimsMapper.capsLifetime(mapper)).isFalse();
    }
}
