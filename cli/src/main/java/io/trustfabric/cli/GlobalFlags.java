package io.trustfabric.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lets connection flags come before the subcommand, as with kubectl: `tfctl --kubeconfig F get tenants` is run as
 * `tfctl get --kubeconfig F tenants`.
 */
final class GlobalFlags {

    private static final Set<String> WITH_VALUE = Set.of("--kubeconfig", "--context", "-n", "--namespace");

    private GlobalFlags() {
    }

    static String[] hoist(String[] args) {
        List<String> flags = new ArrayList<>();
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            if (WITH_VALUE.contains(arg) && i + 1 < args.length) {
                flags.add(arg);
                flags.add(args[i + 1]);
                i += 2;
            } else if (WITH_VALUE.stream().anyMatch(f -> arg.startsWith(f + "=")) || arg.equals("-A")
                    || arg.equals("--all-namespaces")) {
                flags.add(arg);
                i++;
            } else {
                break;
            }
        }
        if (flags.isEmpty() || i >= args.length) {
            return args;
        }
        List<String> reordered = new ArrayList<>();
        reordered.add(args[i]);
        reordered.addAll(flags);
        reordered.addAll(List.of(args).subList(i + 1, args.length));
        return reordered.toArray(String[]::new);
    }
}
