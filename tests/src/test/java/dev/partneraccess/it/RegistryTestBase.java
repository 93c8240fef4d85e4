package dev.partneraccess.it;

import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.realm.ManagedRealm;

/** The API tests: a realm of their own per class, shaped like the demo realm but with Keycloak's own login flows. */
abstract class RegistryTestBase extends PartnerAccessTestBase {

    @InjectRealm(config = PartnersRealm.class)
    ManagedRealm realm;

    @Override
    ManagedRealm realm() {
        return realm;
    }
}
