package io.trustfabric.cli.partner;

import io.trustfabric.psi.client.PsiClient;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "psi", mixinStandardHelpOptions = true,
        description = "Private set intersection: print which of your items the tenant also has, one per line, "
                + "in file order. Only works where the tenant's contract allows the psi mode.")
public final class PsiCommand extends PartnerCommand {
    @Override
    PsiClient.Charged<?> answer(PsiClient client, List<String> items, PrintWriter out) {
        var charged = client.chargedIntersection(items);
        charged.result().forEach(out::println);
        return charged;
    }
}
