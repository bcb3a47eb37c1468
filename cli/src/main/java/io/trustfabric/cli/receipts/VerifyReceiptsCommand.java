package io.trustfabric.cli.receipts;

import io.trustfabric.psi.receipt.ReceiptChainVerifier;
import io.trustfabric.psi.receipt.ReceiptKeys;
import io.trustfabric.psi.receipt.ReceiptVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify saved receipts offline against the tenant's public receipt key: every signature, "
                + "each lease's hash chain in order from sequence 1 without gaps or repeats, and the totals.",
                "Exit code 0 when every receipt is valid, 1 when any is not (each bad receipt is named), "
                        + "2 when the file or key cannot be read."})
public final class VerifyReceiptsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE",
            description = "Receipts, one per line, as saved by tfctl psi-ca/psi --receipts or the X-TrustFabric-Receipt header")
    Path file;

    @Option(names = "--tenant-key", required = true, paramLabel = "KEY|FILE",
            description = "The tenant's Ed25519 public key (Tenant.status.receiptKey.publicKey): base64, or a file holding it")
    String tenantKey;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Ed25519PublicKeyParameters key;
        List<String> lines;
        try {
            key = ReceiptKeys.parsePublicKey(tenantKey);
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: cannot read the tenant key: " + e.getMessage());
            return 2;
        }
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        ReceiptChainVerifier.Result result = new ReceiptChainVerifier(new ReceiptVerifier(key)).verify(lines);
        for (ReceiptChainVerifier.Failure failure : result.failures()) {
            err.println("INVALID " + file.getFileName() + " " + failure);
        }
        out.println("key " + ReceiptKeys.keyId(key) + ": " + result.receipts() + " receipt(s), "
                + result.failures().size() + " problem(s)");
        for (ReceiptChainVerifier.BudgetTotal total : result.totals()) {
            out.println("  budget " + total.budget() + " epoch " + total.epoch() + ": " + total.receipts()
                    + " verified receipt(s) in " + total.leases() + " lease(s), " + total.costMicroEpsilon()
                    + " micro-epsilon (" + epsilon(total.costMicroEpsilon()) + " epsilon)");
        }
        out.println(result.valid() ? "OK: all receipts verified" : "FAILED: see the problems above");
        return result.valid() ? 0 : 1;
    }

    /** Exact decimal rendering of micro-epsilon, no floating point. */
    static String epsilon(long micro) {
        String fraction = String.format("%06d", micro % 1_000_000).replaceAll("0+$", "");
        return (micro / 1_000_000) + (fraction.isEmpty() ? "" : "." + fraction);
    }
}
