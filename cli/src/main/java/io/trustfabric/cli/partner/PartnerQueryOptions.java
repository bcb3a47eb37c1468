package io.trustfabric.cli.partner;

import io.trustfabric.psi.client.PsiClient;
import io.trustfabric.psi.client.PsiCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import javax.net.ssl.SSLContext;
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

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "Your API key for this tenant (visible in the process list: prefer --api-key-file or "
                    + "the environment variable TF_API_KEY)")
    String apiKey;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "File holding your API key")
    Path apiKeyFile;

    @Option(names = "--cert", paramLabel = "PEM", description = "Your client certificate (chain), PEM, for mTLS")
    Path certificate;

    @Option(names = "--key", paramLabel = "PEM", description = "The PKCS#8 PEM private key of --cert")
    Path privateKey;

    @Option(names = "--cacert", paramLabel = "PEM",
            description = "CA certificate(s) to trust for the worker's HTTPS certificate (default: the system's)")
    Path caCertificate;

    List<String> readItems() throws IOException {
        return csvColumn == null ? ItemFile.readLines(items) : ItemFile.readCsvColumn(items, csvColumn, csvHeader);
    }

    PsiClient client() {
        Normalization required = normalization == null ? null : Normalization.fromConfigName(normalization);
        return PsiClient.create(endpoint, new Curve25519Group(), required, credentials(System.getenv("TF_API_KEY")));
    }

    /** The credentials from the options; {@code --api-key} wins over {@code --api-key-file}, then TF_API_KEY. */
    PsiCredentials credentials(String keyFromEnvironment) {
        String key = apiKey;
        if (key == null && apiKeyFile != null) {
            try {
                key = Files.readString(apiKeyFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the API key file " + apiKeyFile + ": " + e.getMessage());
            }
        }
        if (key == null && keyFromEnvironment != null && !keyFromEnvironment.isBlank()) {
            key = keyFromEnvironment.strip();
        }
        SSLContext tls = certificate == null && privateKey == null && caCertificate == null ? null
                : PsiCredentials.sslContext(certificate, privateKey, caCertificate);
        return new PsiCredentials(key, tls);
    }
}
