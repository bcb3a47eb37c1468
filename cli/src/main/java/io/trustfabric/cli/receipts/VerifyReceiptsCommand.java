package io.trustfabric.cli.receipts;

import io.trustfabric.psi.receipt.ChainHeadCheck;
import io.trustfabric.psi.receipt.ReceiptChainVerifier;
import io.trustfabric.psi.receipt.ReceiptKeys;
import io.trustfabric.psi.receipt.ReceiptVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--head", paramLabel = "FILE",
            description = "Signed chain heads, one per line, as the worker's GET /v1/receipts/head answers them: "
                    + "each lease in the file must end where its head says (a truncated file is reported). Repeatable.")
    List<Path> heads = new ArrayList<>();

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
        Map<Path, List<String>> headFiles = new LinkedHashMap<>();
        for (Path head : heads) {
            try {
                headFiles.put(head, Files.readAllLines(head, StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.println("error: cannot read " + head + ": " + e.getMessage());
                return 2;
            }
        }
        ReceiptVerifier verifier = new ReceiptVerifier(key);
        ReceiptChainVerifier.Result result = new ReceiptChainVerifier(verifier).verify(lines);
        for (ReceiptChainVerifier.Failure failure : result.failures()) {
            err.println("INVALID " + file.getFileName() + " " + failure);
        }
        List<ChainHeadCheck.Finding> findings = new ArrayList<>();
        headFiles.forEach((head, headLines) -> findings.addAll(
                new ChainHeadCheck(verifier).compare(result, headLines, head.getFileName().toString())));
        long headProblems = findings.stream().filter(ChainHeadCheck.Finding::problem).count();
        for (ChainHeadCheck.Finding finding : findings) {
            if (finding.problem()) {
                err.println("INCOMPLETE " + file.getFileName() + ": " + finding.message());
            }
        }
        boolean valid = result.valid() && headProblems == 0;
        out.println("key " + ReceiptKeys.keyId(key) + ": " + result.receipts() + " receipt(s), "
                + (result.failures().size() + headProblems) + " problem(s)");
        for (ReceiptChainVerifier.BudgetTotal total : result.totals()) {
            out.println("  budget " + total.budget() + " epoch " + total.epoch() + ": " + total.receipts()
                    + " verified receipt(s) in " + total.leases() + " lease(s), " + total.costMicroEpsilon()
                    + " micro-epsilon (" + epsilon(total.costMicroEpsilon()) + " epsilon)");
        }
        for (ChainHeadCheck.Finding finding : findings) {
            if (!finding.problem()) {
                out.println("  " + finding.message());
            }
        }
        out.println(valid ? "OK: all receipts verified" + (heads.isEmpty() ? "" : ", no receipt missing against the chain head(s)")
                : "FAILED: see the problems above");
        return valid ? 0 : 1;
    }

    /** Exact decimal rendering of micro-epsilon, no floating point. */
    static String epsilon(long micro) {
        String fraction = String.format("%06d", micro % 1_000_000).replaceAll("0+$", "");
        return (micro / 1_000_000) + (fraction.isEmpty() ? "" : "." + fraction);
    }
}
