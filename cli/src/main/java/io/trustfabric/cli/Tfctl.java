package io.trustfabric.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** tfctl: the Trust Fabric command line. Subcommands are registered in {@link #SUBCOMMANDS}. */
@Command(name = "tfctl", mixinStandardHelpOptions = true, version = "tfctl 0.1.0",
        description = "Trust Fabric command line: resources, local mode, and the partner side of PSI.")
public final class Tfctl implements Runnable {

    /** Each feature adds its command classes here. */
    static final Class<?>[] SUBCOMMANDS = {
        io.trustfabric.cli.resource.ApplyCommand.class,
        io.trustfabric.cli.resource.GetCommand.class,
        io.trustfabric.cli.resource.DescribeCommand.class,
        io.trustfabric.cli.resource.DeleteCommand.class,
        io.trustfabric.cli.local.LocalCommand.class,
        io.trustfabric.cli.partner.PsiCaCommand.class,
        io.trustfabric.cli.partner.PsiCommand.class,
        io.trustfabric.cli.receipts.ReceiptsCommand.class,
        io.trustfabric.cli.lint.LintCommand.class,
        io.trustfabric.cli.policy.PolicyCommand.class,
        io.trustfabric.cli.whatif.WhatIfCommand.class,
        io.trustfabric.cli.why.WhyCommand.class,
    };

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a command: the command list, and how to start trying the product. */
    @Override
    public void run() {
        var out = spec.commandLine().getOut();
        spec.commandLine().usage(out);
        out.println();
        out.println("Try the product on this machine: ./tfctl local   (docs/local-mode.md)");
        out.flush();
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Tfctl());
        for (Class<?> sub : SUBCOMMANDS) {
            cl.addSubcommand(sub);
        }
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            cmd.getErr().flush();
            return cmd.getCommandSpec().exitCodeOnExecutionException(); // 1 unless a command says otherwise (lint: 3)
        });
        return cl;
    }

    public static void main(String[] args) {
        // tfctl talks to people: its own quiet logging, unless the user names a configuration
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "tfctl-logback.xml");
        }
        System.exit(commandLine().execute(GlobalFlags.hoist(args)));
    }
}
