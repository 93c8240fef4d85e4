package dev.partneraccess.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;

class ServerOptionsTest {

    private final Config.Scope current = mock(Config.Scope.class);
    private final Config.Scope legacy = mock(Config.Scope.class);
    private final List<String> warnings = new ArrayList<>();

    @Test
    @DisplayName("Given no option under either name, then the defaults apply and nothing is logged")
    void defaultsWithoutOptions() {
        ServerOptions options = ServerOptions.read(current, legacy, warnings::add);

        assertThat(options).isEqualTo(new ServerOptions(60, 500, 60));
        assertThat(warnings).isEmpty();
    }

    @Test
    @DisplayName("Given the new option names, then their values apply and nothing is logged")
    void newNamesApply() {
        when(current.get("sweep-interval")).thenReturn("3");
        when(current.get("sweep-batch-size")).thenReturn("2");
        when(current.get("metrics-interval")).thenReturn("15");

        assertThat(ServerOptions.read(current, legacy, warnings::add)).isEqualTo(new ServerOptions(3, 2, 15));
        assertThat(warnings).isEmpty();
    }

    @Test
    @DisplayName("Given only the old name, then its value applies with one warning that names the new option")
    void oldNameIsAFallbackWithAWarning() {
        when(legacy.get("sweep-interval")).thenReturn("7");

        ServerOptions options = ServerOptions.read(current, legacy, warnings::add);

        assertThat(options.sweepIntervalSeconds()).isEqualTo(7);
        assertThat(options.sweepBatchSize()).isEqualTo(500);
        assertThat(warnings).singleElement().asString()
                .contains("--spi-jpa-entity-provider--partner-access--sweep-interval")
                .contains("--spi-partner-access--default--sweep-interval");
    }

    @Test
    @DisplayName("Given both names, then the new one wins and the old one is ignored without a warning")
    void newNameWinsOverOldName() {
        when(current.get("sweep-batch-size")).thenReturn("20");
        when(legacy.get("sweep-batch-size")).thenReturn("999");

        assertThat(ServerOptions.read(current, legacy, warnings::add).sweepBatchSize()).isEqualTo(20);
        assertThat(warnings).isEmpty();
    }

    @Test
    @DisplayName("Given a value below one, then one is used: a zero interval or batch would stop the sweep")
    void valuesAreAtLeastOne() {
        when(current.get("sweep-interval")).thenReturn("0");
        when(legacy.get("sweep-batch-size")).thenReturn("-5");

        ServerOptions options = ServerOptions.read(current, legacy, warnings::add);

        assertThat(options.sweepIntervalSeconds()).isEqualTo(1);
        assertThat(options.sweepBatchSize()).isEqualTo(1);
    }
}
