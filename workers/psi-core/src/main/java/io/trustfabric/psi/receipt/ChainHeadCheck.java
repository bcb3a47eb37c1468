package io.trustfabric.psi.receipt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares where each lease's chain ends in a verified receipt file with the worker's signed chain heads
 * ({@code GET /v1/receipts/head}). A file alone cannot show that its last receipts were removed; a head signed by
 * the tenant key can: "your file ends at #N, the chain is at #M". Heads that do not parse or whose signature does
 * not verify with the tenant key are refused and compared with nothing.
 */
public final class ChainHeadCheck {
    private final ReceiptVerifier signatures;

    public ChainHeadCheck(ReceiptVerifier signatures) {
        this.signatures = signatures;
    }

    /** {@code problem}: the file is incomplete or a head is refused; otherwise an informational note. */
    public record Finding(boolean problem, String message) {
    }

    /**
     * @param file      the result of {@link ReceiptChainVerifier#verify} for the partner's file
     * @param headLines compact signed chain heads, one per element (blank ones skipped), e.g. the worker's answer
     * @param source    how to name the heads in messages, e.g. the file name
     */
    public List<Finding> compare(ReceiptChainVerifier.Result file, List<String> headLines, String source) {
        List<Finding> findings = new ArrayList<>();
        Map<String, ChainHead> heads = new LinkedHashMap<>();
        for (int i = 0; i < headLines.size(); i++) {
            String text = headLines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            String where = source + " line " + (i + 1);
            SignedChainHead signed;
            try {
                signed = SignedChainHead.parseCompact(text);
            } catch (IllegalArgumentException e) {
                findings.add(new Finding(true, where + ": " + e.getMessage()));
                continue;
            }
            if (!signatures.signatureValid(signed)) {
                findings.add(new Finding(true, where + " (lease " + signed.head().leaseId()
                        + "): bad signature: the chain head was altered or not signed by this tenant key; refused"));
                continue;
            }
            ChainHead head = signed.head();
            ChainHead known = heads.get(head.leaseId());
            if (known == null || head.sequence() > known.sequence()) {
                heads.put(head.leaseId(), head);
            }
        }
        if (heads.isEmpty() && findings.isEmpty()) {
            findings.add(new Finding(true, source + " holds no chain head"));
        }
        Map<String, ReceiptChainVerifier.LeaseEnd> ends = new LinkedHashMap<>();
        file.leaseEnds().forEach(end -> ends.put(end.leaseId(), end));
        for (ChainHead head : heads.values()) {
            ReceiptChainVerifier.LeaseEnd end = ends.get(head.leaseId());
            long n = end == null ? 0 : end.sequence();
            long m = head.sequence();
            String lease = "lease " + head.leaseId();
            if (n < m) {
                findings.add(new Finding(true, lease + ": your file ends at #" + n + ", the chain is at #" + m + ": "
                        + (m - n) + " receipt(s) missing (chain head signed at " + head.time() + ")"));
            } else if (n == m && end != null && !end.hash().equals(head.hash())) {
                findings.add(new Finding(true, lease + ": your file's receipt #" + n
                        + " is not the one the signed chain head names (hash differs)"));
            } else if (n == m) {
                findings.add(new Finding(false, lease + ": complete, ends at #" + n + " like the signed chain head"));
            } else {
                findings.add(new Finding(false, lease + ": your file ends at #" + n + ", beyond the chain head at #" + m
                        + " (signed at " + head.time() + ", before your newest receipts)"));
            }
        }
        for (ReceiptChainVerifier.LeaseEnd end : ends.values()) {
            if (!heads.containsKey(end.leaseId())) {
                findings.add(new Finding(false, "lease " + end.leaseId() + ": no chain head given; its end (#"
                        + end.sequence() + ") cannot be checked"));
            }
        }
        return List.copyOf(findings);
    }
}
