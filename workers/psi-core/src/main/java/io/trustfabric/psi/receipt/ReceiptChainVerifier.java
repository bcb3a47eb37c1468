package io.trustfabric.psi.receipt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Verifies a partner's saved receipts offline, in file order: every signature, and per lease a hash chain
 * that starts at sequence 1 and continues without gaps, reordering or repeats; within a lease the tenant,
 * partner, budget and epoch never change and each remaining-after bound drops by exactly the receipt's cost.
 * All arithmetic is on integers (micro-epsilon) and overflow is an error.
 */
public final class ReceiptChainVerifier {
    private final ReceiptVerifier signatures;

    public ReceiptChainVerifier(ReceiptVerifier signatures) {
        this.signatures = signatures;
    }

    /** A problem with one receipt; {@code line} is 1-based in the input. */
    public record Failure(int line, String receipt, String message) {
        @Override
        public String toString() {
            return "line " + line + (receipt.isEmpty() ? "" : " (" + receipt + ")") + ": " + message;
        }
    }

    /** Totals of one budget and chain epoch. */
    public record BudgetTotal(String budget, long epoch, long receipts, long costMicroEpsilon, long leases) {
    }

    /** Where one lease's verified chain ends in the file: its last sequence number and that receipt's hash. */
    public record LeaseEnd(String leaseId, String partner, String budget, long epoch, long sequence, String hash) {
    }

    /** {@code leaseEnds}: the verified chain of every lease in the file, in order of first appearance. */
    public record Result(long receipts, List<BudgetTotal> totals, List<Failure> failures, List<LeaseEnd> leaseEnds) {
        public boolean valid() {
            return failures.isEmpty() && receipts > 0;
        }
    }

    private static final class LeaseChain {
        final Receipt first;
        long lastSequence;
        String lastHash;
        long lastRemaining;

        LeaseChain(Receipt first) {
            this.first = first;
        }
    }

    /** @param lines the compact receipts, one per element, in the order they were saved (blank lines are skipped) */
    public Result verify(List<String> lines) {
        List<Failure> failures = new ArrayList<>();
        Map<String, LeaseChain> chains = new java.util.LinkedHashMap<>();
        Set<String> seenHashes = new HashSet<>();
        Map<String, Integer> seenQueries = new HashMap<>();
        Map<String, long[]> totals = new TreeMap<>();
        Map<String, Set<String>> leasesPerBudget = new HashMap<>();
        long count = 0;
        for (int i = 0; i < lines.size(); i++) {
            int line = i + 1;
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            count++;
            SignedReceipt signed;
            try {
                signed = SignedReceipt.parseCompact(text);
            } catch (IllegalArgumentException e) {
                failures.add(new Failure(line, "", e.getMessage()));
                continue;
            }
            Receipt r = signed.receipt();
            String name = "lease " + r.leaseId() + " seq " + r.sequence() + ", query " + r.queryId();
            if (!signatures.signatureValid(signed)) {
                failures.add(new Failure(line, name, "bad signature: the receipt was altered or not signed by this tenant key"));
                continue;
            }
            String hash = signed.hash();
            if (!seenHashes.add(hash)) {
                failures.add(new Failure(line, name, "duplicate: this receipt appears earlier in the file (replayed)"));
                continue;
            }
            Integer earlier = seenQueries.putIfAbsent(r.leaseId() + "\n" + r.queryId(), line);
            if (earlier != null) {
                failures.add(new Failure(line, name, "query id already charged on line " + earlier + " (replayed)"));
                continue;
            }
            String chainProblem = extend(chains, r, hash);
            if (chainProblem != null) {
                failures.add(new Failure(line, name, chainProblem));
                continue;
            }
            String key = r.budget() + "\n" + r.epoch();
            long[] total = totals.computeIfAbsent(key, k -> new long[2]);
            total[0]++;
            try {
                total[1] = Math.addExact(total[1], r.costMicroEpsilon());
            } catch (ArithmeticException e) {
                failures.add(new Failure(line, name, "total cost overflows"));
            }
            leasesPerBudget.computeIfAbsent(key, k -> new HashSet<>()).add(r.leaseId());
        }
        List<BudgetTotal> summary = new ArrayList<>();
        totals.forEach((key, total) -> {
            String[] parts = key.split("\n");
            summary.add(new BudgetTotal(parts[0], Long.parseLong(parts[1]), total[0], total[1],
                    leasesPerBudget.get(key).size()));
        });
        if (count == 0) {
            failures.add(new Failure(0, "", "the file holds no receipts"));
        }
        List<LeaseEnd> ends = chains.values().stream().map(c -> new LeaseEnd(c.first.leaseId(), c.first.partner(),
                c.first.budget(), c.first.epoch(), c.lastSequence, c.lastHash)).toList();
        return new Result(count, List.copyOf(summary), List.copyOf(failures), ends);
    }

    /** Appends {@code r} to its lease's chain, or says why it does not belong there. */
    private static String extend(Map<String, LeaseChain> chains, Receipt r, String hash) {
        LeaseChain chain = chains.get(r.leaseId());
        if (chain == null) {
            if (r.sequence() != 1 || !Receipt.GENESIS.equals(r.previousHash())) {
                return "gap: the first receipt of lease " + r.leaseId() + " in the file has sequence " + r.sequence()
                        + "; receipts 1.." + (r.sequence() - 1) + " are missing";
            }
            chain = new LeaseChain(r);
            chains.put(r.leaseId(), chain);
        } else {
            String mismatch = sameLease(chain.first, r);
            if (mismatch != null) {
                return mismatch;
            }
            long expected = chain.lastSequence + 1;
            if (r.sequence() < expected) {
                return "out of order: sequence " + r.sequence() + " comes after " + chain.lastSequence;
            }
            if (r.sequence() > expected) {
                return "gap: sequence " + r.sequence() + " follows " + chain.lastSequence + "; receipt(s) "
                        + expected + (r.sequence() - 1 > expected ? ".." + (r.sequence() - 1) : "") + " are missing";
            }
            if (!r.previousHash().equals(chain.lastHash)) {
                return "broken chain: prev does not match the hash of sequence " + chain.lastSequence;
            }
            if (chain.lastRemaining - r.costMicroEpsilon() != r.remainingAfterMicroEpsilon()) {
                return "totals do not add up: remaining-after " + r.remainingAfterMicroEpsilon() + " should be "
                        + chain.lastRemaining + " - " + r.costMicroEpsilon();
            }
        }
        chain.lastSequence = r.sequence();
        chain.lastHash = hash;
        chain.lastRemaining = r.remainingAfterMicroEpsilon();
        return null;
    }

    private static String sameLease(Receipt first, Receipt r) {
        if (!first.tenant().equals(r.tenant()) || !first.partner().equals(r.partner())
                || !first.budget().equals(r.budget()) || first.epoch() != r.epoch()) {
            return "tenant, partner, budget or epoch differs from the earlier receipts of lease " + r.leaseId();
        }
        return null;
    }
}
