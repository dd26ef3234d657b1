package io.twinloop.cli.optimizer;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import picocli.CommandLine;

/**
 * The approvals API's operators as the commands take them: {@code NAME[:PASSWORD]}; without a password it comes
 * from {@value #PASSWORD_ENV} (keeps it out of the process list), else one is generated and shown once.
 */
public final class OperatorLogins {

    /** The environment variable an operator's password is taken from when {@code --operator} has none. */
    public static final String PASSWORD_ENV = "TWINLOOP_OPERATOR_PASSWORD";

    private OperatorLogins() {
    }

    /**
     * @param given {@code NAME} or {@code NAME:PASSWORD}; a bare name's password from {@value #PASSWORD_ENV}
     * @param option the option's name, for the usage error
     * @return name and password; {@code generated} tells whether the password was made here (to be shown)
     */
    public static Login parse(final String given, final String option, final CommandLine commandLine) {
        return parse(given, option, Optional.ofNullable(System.getenv(PASSWORD_ENV)), commandLine);
    }

    /**
     * The same with the password for a bare {@code NAME} given (e.g. by an option whose default is the
     * environment variable).
     */
    public static Login parse(final String given, final String option, final Optional<String> password,
            final CommandLine commandLine) {
        final int colon = given.indexOf(':');
        if (colon == 0 || colon == given.length() - 1 || given.isBlank()) {
            throw new CommandLine.ParameterException(commandLine, option + " must be NAME or NAME:PASSWORD, was '"
                    + given + "'");
        }
        if (colon > 0) {
            return new Login(given.substring(0, colon), given.substring(colon + 1), false);
        }
        return password.filter(p -> !p.isEmpty()).map(p -> new Login(given, p, false))
                .orElseGet(() -> new Login(given, randomPassword(), true));
    }

    /** A fresh random password (96 bits, hex). */
    public static String randomPassword() {
        final byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** An operator's name and password. */
    public record Login(String name, String password, boolean generated) {
    }
}
