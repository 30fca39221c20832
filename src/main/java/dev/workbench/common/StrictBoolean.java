package dev.workbench.common;

import java.util.Locale;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads a boolean variable as the original does: {@code 1}, {@code true}, {@code yes} (any case)
 * are true; {@code 0}, {@code false}, {@code no} and empty are false. Anything else ({@code on},
 * {@code y}, {@code oui}, which SmallRye's own converter reads as true) stops startup with a
 * message naming the variable and the accepted values. One converter per variable names it.
 */
public final class StrictBoolean {

    private StrictBoolean() {
    }

    /** {@code value} of {@code variable} as a boolean, or an exception naming both and the accepted values. */
    public static boolean parse(String variable, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no", "" -> false;
            default -> throw new IllegalArgumentException(variable + " must be 1, true, yes, 0, false, no or empty, not '" + value + "'");
        };
    }

    public static final class Testing implements Converter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return parse("TESTING", value);
        }
    }

    public static final class RestrictMcpProxy implements Converter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return parse("RESTRICT_MCP_PROXY", value);
        }
    }

    public static final class AgentAllowDeploys implements Converter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return parse("AGENT_ALLOW_DEPLOYS", value);
        }
    }

    public static final class AllowFullPrivilegeCommands implements Converter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return parse("ALLOW_FULL_PRIVILEGE_COMMANDS", value);
        }
    }

    public static final class SafeCommandsOnly implements Converter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return parse("SAFE_COMMANDS_ONLY", value);
        }
    }

    public static final class GithubRecordDeployment implements Converter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return parse("GITHUB_RECORD_DEPLOYMENT", value);
        }
    }

    public static final class AllowCredentials implements Converter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return parse("ALLOW_CREDENTIALS", value);
        }
    }

    public static final class AllowDevNoAuth implements Converter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return parse("ALLOW_DEV_NOAUTH", value);
        }
    }

    public static final class PiiMask implements Converter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return parse("PII_MASK", value);
        }
    }

    public static final class EnablePortkey implements Converter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return parse("ENABLE_PORTKEY", value);
        }
    }
}
