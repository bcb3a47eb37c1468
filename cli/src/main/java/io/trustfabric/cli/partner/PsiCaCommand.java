package io.trustfabric.cli.partner;

import io.trustfabric.psi.client.PsiClient;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "psi-ca", mixinStandardHelpOptions = true,
        description = "Private set intersection cardinality: print how many of your items the tenant also has "
                + "(or \"fewer than k\" when the tenant's k-threshold policy suppresses small counts). "
                + "Neither side sees the other's items.")
public final class PsiCaCommand extends PartnerCommand {
    @Override
    PsiClient.Charged<?> answer(PsiClient client, List<String> items, PrintWriter out) {
        var charged = client.chargedCount(items);
        var count = charged.result();
        out.println(count.suppressed()
                ? "fewer than " + count.suppressedBelow() + " (suppressed by the tenant's k-threshold policy)"
                : Integer.toString(count.count()));
        return charged;
    }
}
