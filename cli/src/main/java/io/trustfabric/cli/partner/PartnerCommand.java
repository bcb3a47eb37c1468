package io.trustfabric.cli.partner;

import io.trustfabric.psi.client.PsiClient;
import io.trustfabric.psi.client.PsiClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Reads the items, runs one query, prints the answer; errors go to stderr with exit code 1. */
abstract class PartnerCommand implements Callable<Integer> {
    @Mixin
    PartnerQueryOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<String> items;
        try {
            items = options.readItems();
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: cannot read items from " + options.items + ": " + e.getMessage());
            return 1;
        }
        try {
            answer(options.client(), items, spec.commandLine().getOut());
            return 0;
        } catch (PsiClientException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    abstract void answer(PsiClient client, List<String> items, PrintWriter out);
}
