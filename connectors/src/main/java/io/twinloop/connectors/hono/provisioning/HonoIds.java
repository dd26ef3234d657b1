package io.twinloop.connectors.hono.provisioning;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The identifiers Hono's device registry accepts by default, checked before any request so that an id Hono would
 * refuse is reported with the shell it came from rather than as a 400 halfway through a run. The patterns are Hono's
 * own defaults ({@code RegistryManagementConstants.DEFAULT_REGEX_TENANT_ID}, {@code DEFAULT_REGEX_DEVICE_ID},
 * {@code DEFAULT_REGEX_USERNAME}); a registry configured with stricter ones still answers 400, which is reported per
 * device.
 */
public final class HonoIds {

    /** Hono's default tenant id rule: letters, digits, '-', '_', '.'. */
    public static final Pattern TENANT_ID = Pattern.compile("^[a-zA-Z0-9-_.]+$");
    /** Hono's default device id rule: as for tenants, plus ':' and '='. */
    public static final Pattern DEVICE_ID = Pattern.compile("^[a-zA-Z0-9-_.:=]+$");
    /** Hono's default rule for the auth-id of hashed-password credentials: as for tenants, plus '='; no ':'. */
    public static final Pattern AUTH_ID = Pattern.compile("^[a-zA-Z0-9-_=.]+$");

    private HonoIds() {
    }

    /** Why {@code value} is not an acceptable tenant id, if it is not. */
    public static Optional<String> tenantIdProblem(final String value) {
        return problem("tenant id", value, TENANT_ID, "letters, digits, '-', '_' and '.'");
    }

    public static Optional<String> deviceIdProblem(final String value) {
        return problem("device id", value, DEVICE_ID, "letters, digits, '-', '_', '.', ':' and '='");
    }

    public static Optional<String> authIdProblem(final String value) {
        return problem("auth-id", value, AUTH_ID, "letters, digits, '-', '_', '=' and '.'");
    }

    private static Optional<String> problem(final String what, final String value, final Pattern rule,
            final String allowed) {
        if (value == null || value.isEmpty()) {
            return Optional.of("the " + what + " is empty");
        }
        if (".".equals(value) || "..".equals(value)) {
            // Hono's pattern lets them through, but in the management API's URLs they are path navigation
            return Optional.of("the " + what + " '" + value + "' cannot be used in a URL path");
        }
        if (!rule.matcher(value).matches()) {
            return Optional.of("the " + what + " '" + value + "' is not accepted by Hono's device registry (only "
                    + allowed + ")");
        }
        return Optional.empty();
    }
}
