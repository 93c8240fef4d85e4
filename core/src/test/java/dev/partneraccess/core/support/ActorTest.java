package dev.partneraccess.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ActorTest {

    @Test
    @DisplayName("Given scheduled work, then it is recorded as system")
    void systemIsSystem() {
        assertThat(Actor.SYSTEM.recorded()).isEqualTo("system");
    }

    @Test
    @DisplayName("Given a user whose id is system, then it is recorded as user:system, never as system")
    void userNamedSystemIsNotSystem() {
        Actor user = new Actor("system", "sys-admin");

        assertThat(user.isSystem()).isFalse();
        assertThat(user.recorded()).isEqualTo("user:system");
    }

    @Test
    @DisplayName("Given ordinary user ids, then they are recorded as they are; ids starting with user: get one more prefix")
    void mappingIsOneToOne() {
        assertThat(new Actor("5b0c7a4e-2f1d-4c8e-9a43-0d6e1f7b9c21", "ops").recorded()).isEqualTo("5b0c7a4e-2f1d-4c8e-9a43-0d6e1f7b9c21");
        assertThat(new Actor("systemd", "ops").recorded()).isEqualTo("systemd");
        assertThat(new Actor("user:system", "ops").recorded()).isEqualTo("user:user:system");
        assertThat(new Actor("user:x", "ops").recorded()).isNotEqualTo(new Actor("x", "ops").recorded());
    }
}
