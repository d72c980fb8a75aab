package dev.hindsight.web.cli;

import picocli.CommandLine.IVersionProvider;

class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = RootCommand.class.getPackage().getImplementationVersion();
        return new String[]{"hindsight " + (version == null ? "development build" : version)};
    }
}
