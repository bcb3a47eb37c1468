package io.trustfabric.cli.partner;

import io.trustfabric.psi.client.PsiClient;
import io.trustfabric.psi.group.Curve25519Group;
import io.trustfabric.psi.protocol.ItemFile;
import io.trustfabric.psi.protocol.Normalization;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by {@code tfctl psi} and {@code tfctl psi-ca}: where the worker is and where the items are. */
public final class PartnerQueryOptions {
    @Option(names = "--endpoint", required = true, paramLabel = "URL",
            description = "Base URL of the tenant's PSI worker, e.g. https://psi.acme.example")
    URI endpoint;

    @Option(names = "--items", required = true, paramLabel = "FILE",
            description = "Your items: one per line, or a CSV file with --csv-column")
    Path items;

    @Option(names = "--csv-column", paramLabel = "N",
            description = "Read column N (0-based) of a CSV file instead of whole lines")
    Integer csvColumn;

    @Option(names = "--csv-header", description = "The CSV file's first row is a header (skipped)")
    boolean csvHeader;

    @Option(names = "--normalization", paramLabel = "NAME",
            description = "Normalization your items need: none, trim, email-lowercase, email-lowercase-sha256. "
                    + "Default: the one the worker announces; if given and different, the query is refused.")
    String normalization;

    @Option(names = "--receipts", paramLabel = "FILE",
            description = "Append the answer's signed budget receipt to FILE (one per line; verify with tfctl receipts verify)")
    Path receipts;

    @Option(names = "--partner", paramLabel = "ID",
            description = "Your partner id, sent as X-TrustFabric-Partner (until partner credentials are required)")
    String partner;

    List<String> readItems() throws IOException {
        return csvColumn == null ? ItemFile.readLines(items) : ItemFile.readCsvColumn(items, csvColumn, csvHeader);
    }

    PsiClient client() {
        Normalization required = normalization == null ? null : Normalization.fromConfigName(normalization);
        PsiClient client = PsiClient.create(endpoint, new Curve25519Group(), required);
        return partner == null ? client : client.asPartner(partner);
    }
}
