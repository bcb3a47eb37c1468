package io.trustfabric.cli.partner;

import io.trustfabric.psi.client.PsiClient;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "psi-ca", mixinStandardHelpOptions = true,
        description = "Private set intersection cardinality: print how many of your items the tenant also has. "
                + "Neither side sees the other's items.")
public final class PsiCaCommand extends PartnerCommand {
    @Override
    PsiClient.Charged<?> answer(PsiClient client, List<String> items, PrintWriter out) {
        var charged = client.chargedCardinality(items);
        out.println(charged.result());
        return charged;
    }
}
