package io.trustfabric.cli.receipts;

import io.trustfabric.cli.TfctlRun;
import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.receipt.ChainHead;
import io.trustfabric.psi.receipt.Receipt;
import io.trustfabric.psi.receipt.ReceiptSigner;
import io.trustfabric.psi.receipt.SignedReceipt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyReceiptsCommandTest {
    private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
    private final String publicKey = Base64.getEncoder().encodeToString(key.generatePublicKey().getEncoded());

    @TempDir
    Path dir;

    private List<String> chain(int count) {
        ReceiptSigner signer = new ReceiptSigner(key, "acme-2026-11");
        List<String> lines = new ArrayList<>();
        String prev = Receipt.GENESIS;
        for (int seq = 1; seq <= count; seq++) {
            SignedReceipt signed = signer.sign(new Receipt("trust/acme", "globex", "acme-globex", "e1-1", 1, seq,
                    "q" + seq, "psi-ca", 3, 100_000, 2_000_000 - seq * 100_000L, Instant.parse("2026-11-25T09:00:00Z"),
                    "acme-2026-11", prev));
            lines.add(signed.compact());
            prev = signed.hash();
        }
        return lines;
    }

    @Test
    void onlyTheCanonicalCompactFormVerifies() throws Exception {
        List<String> lines = chain(3);
        String second = lines.get(1);
        String sig = second.substring(second.indexOf('.') + 1);
        String last = sig.substring(sig.length() - 1);
        String dirty = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(last.charAt(0)) % 16 == 0
                ? second.substring(0, second.length() - 1)
                        + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(
                                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(last.charAt(0)) + 1)
                : null;
        assertThat(dirty).as("a 64-byte signature ends in a character with four zero unused bits").isNotNull();
        for (String variant : List.of(second + "==", dirty)) {
            List<String> file = new ArrayList<>(lines);
            file.set(1, variant);
            Path path = Files.write(dir.resolve("variant.txt"), file);
            TfctlRun run = TfctlRun.of("receipts", "verify", path.toString(), "--tenant-key", publicKey);
            assertThat(run.exitCode()).as(variant).isEqualTo(1);
            assertThat(run.err()).contains("INVALID variant.txt line 2").contains("not a valid receipt");
        }
    }

    @Test
    void aTamperedFileExitsOneNamingTheBadReceipt() throws Exception {
        List<String> lines = chain(4);
        lines.remove(1);
        Path file = Files.write(dir.resolve("receipts.txt"), lines);
        TfctlRun run = TfctlRun.of("receipts", "verify", file.toString(), "--tenant-key", publicKey);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("INVALID receipts.txt line 2 (lease e1-1 seq 3, query q3): gap");
        assertThat(run.out()).contains("FAILED");
    }

    @Test
    void theWrongKeyFailsEveryReceipt() throws Exception {
        Path file = Files.write(dir.resolve("receipts.txt"), chain(2));
        String other = Base64.getEncoder().encodeToString(
                new Ed25519PrivateKeyParameters(new SecureRandom()).generatePublicKey().getEncoded());
        TfctlRun run = TfctlRun.of("receipts", "verify", file.toString(), "--tenant-key", other);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("line 1").contains("line 2").contains("bad signature");
    }

    @Test
    void anUnreadableKeyOrFileExitsTwo() throws Exception {
        Path file = Files.write(dir.resolve("receipts.txt"), chain(1));
        assertThat(TfctlRun.of("receipts", "verify", file.toString(), "--tenant-key", "not-a-key").exitCode()).isEqualTo(2);
        assertThat(TfctlRun.of("receipts", "verify", dir.resolve("missing").toString(), "--tenant-key", publicKey).exitCode())
                .isEqualTo(2);
    }

    @Test
    void aValidFilePassesWithTotalsAndTheKeyCanBeAFile() throws Exception {
        Path file = Files.write(dir.resolve("receipts.txt"), chain(3));
        Path keyFile = Files.writeString(dir.resolve("tenant.pub"), publicKey + "\n");
        TfctlRun run = TfctlRun.of("receipts", "verify", file.toString(), "--tenant-key", keyFile.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 receipt(s), 0 problem(s)")
                .contains("budget acme-globex epoch 1: 3 verified receipt(s) in 1 lease(s), 300000 micro-epsilon (0.3 epsilon)")
                .contains("OK");
    }

    /** The worker's signed head of lease e1-1 after {@code seq} receipts of {@link #chain}. */
    private String head(Ed25519PrivateKeyParameters signingKey, int seq) {
        List<String> all = chain(seq);
        String hash = SignedReceipt.parseCompact(all.get(seq - 1)).hash();
        return new ReceiptSigner(signingKey, "acme-2026-11").sign(new ChainHead("trust/acme", "globex", "acme-globex",
                "e1-1", 1, seq, hash, Instant.parse("2026-11-25T10:00:00Z"), "acme-2026-11")).compact();
    }

    @Test
    void aTruncatedFileIsReportedAgainstTheChainHead() throws Exception {
        Path file = Files.write(dir.resolve("receipts.txt"), chain(3));
        Path head = Files.write(dir.resolve("head.txt"), List.of(head(key, 5)));
        TfctlRun run = TfctlRun.of("receipts", "verify", file.toString(), "--tenant-key", publicKey, "--head", head.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("lease e1-1: your file ends at #3, the chain is at #5: 2 receipt(s) missing");
        assertThat(run.out()).contains("FAILED");
    }

    @Test
    void aCompleteFilePassesAgainstTheChainHead() throws Exception {
        Path file = Files.write(dir.resolve("receipts.txt"), chain(5));
        Path head = Files.write(dir.resolve("head.txt"), List.of(head(key, 5)));
        TfctlRun run = TfctlRun.of("receipts", "verify", file.toString(), "--tenant-key", publicKey, "--head", head.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("lease e1-1: complete, ends at #5 like the signed chain head").contains("OK");
    }

    @Test
    void aForgedHeadIsRefused() throws Exception {
        Path file = Files.write(dir.resolve("receipts.txt"), chain(3));
        Path forged = Files.write(dir.resolve("head.txt"),
                List.of(head(new Ed25519PrivateKeyParameters(new SecureRandom()), 3)));
        TfctlRun run = TfctlRun.of("receipts", "verify", file.toString(), "--tenant-key", publicKey, "--head", forged.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("head.txt line 1").contains("bad signature");
        Path padded = Files.write(dir.resolve("head.txt"), List.of(head(key, 3) + "=="));
        TfctlRun paddedRun = TfctlRun.of("receipts", "verify", file.toString(), "--tenant-key", publicKey, "--head", padded.toString());
        assertThat(paddedRun.exitCode()).isEqualTo(1);
        assertThat(paddedRun.err()).contains("not a valid chain head");
    }

    @Test
    void epsilonIsRenderedExactly() {
        assertThat(VerifyReceiptsCommand.epsilon(1_000_000)).isEqualTo("1");
        assertThat(VerifyReceiptsCommand.epsilon(1_000_001)).isEqualTo("1.000001");
        assertThat(VerifyReceiptsCommand.epsilon(Long.MAX_VALUE)).isEqualTo("9223372036854.775807");
    }
}
