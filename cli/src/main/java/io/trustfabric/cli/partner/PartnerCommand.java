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
            PsiClient.Charged<?> charged = answer(options.client(), items, spec.commandLine().getOut());
            charged.warnings().forEach(warning -> err.println("warning: " + warning));
            saveReceipt(charged, err);
            return 0;
        } catch (PsiClientException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: the answer was charged but its receipt could not be saved to " + options.receipts
                    + ": " + e.getMessage());
            return 1;
        }
    }

    /** Appends the receipt (if the worker charged the query and --receipts was given) and forces it to disk. */
    private void saveReceipt(PsiClient.Charged<?> charged, PrintWriter err) throws IOException {
        if (options.receipts == null) {
            return;
        }
        if (charged.receipt() == null) {
            err.println("note: the worker sent no receipt (it does not charge a privacy budget)");
            return;
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(options.receipts,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.APPEND)) {
            java.nio.ByteBuffer line = java.nio.ByteBuffer.wrap((charged.receipt() + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
        }
        if (charged.remainingMicroEpsilon() != null) {
            err.println("budget remaining (upper bound): " + charged.remainingMicroEpsilon() + " micro-epsilon");
        }
    }

    abstract PsiClient.Charged<?> answer(PsiClient client, List<String> items, PrintWriter out);
}
