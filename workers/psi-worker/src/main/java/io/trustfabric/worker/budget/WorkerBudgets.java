package io.trustfabric.worker.budget;

import io.trustfabric.psi.receipt.ReceiptKeys;
import io.trustfabric.psi.receipt.ReceiptSigner;
import io.trustfabric.worker.config.WorkerConfig;
import io.trustfabric.worker.receipts.ReceiptIssuer;
import io.trustfabric.worker.receipts.ReceiptLog;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** Builds a worker's {@link BudgetAccountant} from its configuration: control API, receipt key and log. */
public final class WorkerBudgets {
    private WorkerBudgets() {
    }

    /** Null when the configuration has no control API (queries are then not charged). */
    public static BudgetAccountant fromConfig(WorkerConfig config) throws IOException {
        return fromConfig(config, Clock.systemUTC());
    }

    /** As {@link #fromConfig(WorkerConfig)}, judging lease expiry and remembered refusals by {@code clock}. */
    public static BudgetAccountant fromConfig(WorkerConfig config, Clock clock) throws IOException {
        WorkerConfig.Control control = config.control();
        if (!config.budget().enforce()) {
            return null;
        }
        Ed25519PrivateKeyParameters key = ReceiptKeys.readPrivateKey(config.receipts().keyPath());
        String keyId = keyId(config.receipts(), key);
        ReceiptIssuer issuer = new ReceiptIssuer(config.tenant().id(), new ReceiptSigner(key, keyId),
                new ReceiptLog(config.receipts().logPath()));
        LeaseGateway gateway = new HttpLeaseGateway(control.url(), config.tenant().namespace(), config.tenant().name(),
                control.tokenPath());
        return new BudgetAccountant(gateway, issuer, holderName(), clock);
    }

    /** {@code receipts.keyId}, else the Secret's {@code key-id} file beside the key, else derived from the public key. */
    static String keyId(WorkerConfig.Receipts receipts, Ed25519PrivateKeyParameters key) throws IOException {
        if (receipts.keyId() != null) {
            return receipts.keyId();
        }
        java.nio.file.Path parent = receipts.keyPath().toAbsolutePath().getParent();
        java.nio.file.Path sibling = parent == null ? null : parent.resolve("key-id");
        if (sibling != null && java.nio.file.Files.isRegularFile(sibling)) {
            String id = java.nio.file.Files.readString(sibling).strip();
            if (!id.isEmpty()) {
                return id;
            }
        }
        return ReceiptKeys.keyId(key.generatePublicKey());
    }

    /** The pod name (TF_POD_NAME, else HOSTNAME) as the operator shows it in status; random if neither is set. */
    static String holderName() {
        String name = System.getenv("TF_POD_NAME");
        if (name == null || name.isBlank()) {
            name = System.getenv("HOSTNAME");
        }
        if (name == null || name.isBlank()) {
            byte[] random = new byte[4];
            new SecureRandom().nextBytes(random);
            name = "psi-worker-" + HexFormat.of().formatHex(random);
        }
        String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        return cleaned.length() > 253 ? cleaned.substring(0, 253) : cleaned;
    }
}
