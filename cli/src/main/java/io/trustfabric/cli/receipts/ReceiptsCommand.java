package io.trustfabric.cli.receipts;

import picocli.CommandLine.Command;

@Command(name = "receipts", mixinStandardHelpOptions = true,
        description = "Privacy-budget receipts: verify a file of saved receipts offline.",
        subcommands = VerifyReceiptsCommand.class)
public final class ReceiptsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
