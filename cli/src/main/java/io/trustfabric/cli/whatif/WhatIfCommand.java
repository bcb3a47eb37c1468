package io.trustfabric.cli.whatif;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "whatif", mixinStandardHelpOptions = true,
        description = "What-if scenarios: a scenario's phase, headline and manifest, and its HTML diff report.",
        subcommands = {WhatIfGetCommand.class, WhatIfReportCommand.class})
public final class WhatIfCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
