package dev.workbench.common;

import java.util.Locale;

/** Where the service runs; production refuses development defaults. */
public enum Environment {
    DEVELOPMENT,
    PRODUCTION;

    /** Parses {@code ENVIRONMENT}, naming the variable when the value is neither of the two. */
    public static final class Converter implements org.eclipse.microprofile.config.spi.Converter<Environment> {
        @Override
        public Environment convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "development" -> DEVELOPMENT;
                case "production" -> PRODUCTION;
                default -> throw new IllegalArgumentException(
                        "ENVIRONMENT must be 'development' or 'production', not '" + value + "'");
            };
        }
    }
}
