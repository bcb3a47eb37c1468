package io.trustfabric.cli.policy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "TrustPolicy revisions: their history with impact, and promoting a rule from dryrun to enforce.",
        subcommands = {PolicyHistoryCommand.class, PolicyPromoteCommand.class})
public final class PolicyCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
