package io.trustfabric.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** tfctl: the Trust Fabric command line. Subcommands are registered in {@link #SUBCOMMANDS}. */
@Command(name = "tfctl", mixinStandardHelpOptions = true, version = "tfctl 0.1.0",
        description = "Trust Fabric command line: resources, local mode, and the partner side of PSI.")
public final class Tfctl implements Runnable {

    /** Each feature adds its command classes here. */
    static final Class<?>[] SUBCOMMANDS = {
        io.trustfabric.cli.partner.PsiCaCommand.class,
        io.trustfabric.cli.partner.PsiCommand.class,
        io.trustfabric.cli.receipts.ReceiptsCommand.class,
    };

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Tfctl());
        for (Class<?> sub : SUBCOMMANDS) {
            cl.addSubcommand(sub);
        }
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
