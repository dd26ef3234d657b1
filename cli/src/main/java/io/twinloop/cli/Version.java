package io.twinloop.cli;

import picocli.CommandLine;

/** The version printed by {@code --version}, from the jar's manifest when there is one. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        final String version = TwinLoop.class.getPackage().getImplementationVersion();
        return new String[] {"twinloop " + (version == null ? "(development build)" : version)};
    }
}
