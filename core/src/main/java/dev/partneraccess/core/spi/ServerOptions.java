package dev.partneraccess.core.spi;

import java.util.function.Consumer;

import org.keycloak.Config;

/**
 * The server options of the {@code default} partner access provider, read once at start. Until 0.2.0 they belonged to
 * the JPA entity provider ({@code --spi-jpa-entity-provider--partner-access--<option>}); for one release a value given
 * under that old name is still taken when the new one is absent, with a warning naming the new option.
 */
record ServerOptions(long sweepIntervalSeconds, int sweepBatchSize, long metricsIntervalSeconds) {

    static final String SWEEP_INTERVAL = "sweep-interval";
    static final String SWEEP_BATCH_SIZE = "sweep-batch-size";
    static final String METRICS_INTERVAL = "metrics-interval";

    static final int DEFAULT_SWEEP_INTERVAL = 60;
    static final int DEFAULT_SWEEP_BATCH_SIZE = 500;
    static final int DEFAULT_METRICS_INTERVAL = 60;

    /** The SPI and provider that held the options before 0.2.0. */
    static final String LEGACY_SPI = "jpa-entity-provider";
    static final String LEGACY_PROVIDER = "partner-access";

    static ServerOptions read(Config.Scope current, Config.Scope legacy, Consumer<String> warn) {
        return new ServerOptions(
                Math.max(1, parse(value(SWEEP_INTERVAL, current, legacy, warn), DEFAULT_SWEEP_INTERVAL)),
                (int) Math.max(1, Math.min(Integer.MAX_VALUE, parse(value(SWEEP_BATCH_SIZE, current, legacy, warn), DEFAULT_SWEEP_BATCH_SIZE))),
                Math.max(1, parse(value(METRICS_INTERVAL, current, legacy, warn), DEFAULT_METRICS_INTERVAL)));
    }

    /** The new option's value; when it is absent, the old option's, with a warning; null when neither is set. */
    static String value(String option, Config.Scope current, Config.Scope legacy, Consumer<String> warn) {
        String value = current == null ? null : current.get(option);
        if (value != null) {
            return value;
        }
        String old = legacy == null ? null : legacy.get(option);
        if (old != null) {
            warn.accept("The option " + legacyName(option) + " is deprecated and will be removed in the next release;"
                    + " use " + newName(option) + " instead.");
        }
        return old;
    }

    static String newName(String option) {
        return "--spi-" + PartnerAccessSpi.NAME + "--" + DefaultPartnerAccessProviderFactory.PROVIDER_ID + "--" + option;
    }

    static String legacyName(String option) {
        return "--spi-" + LEGACY_SPI + "--" + LEGACY_PROVIDER + "--" + option;
    }

    private static long parse(String value, long fallback) {
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.strip());
    }
}
