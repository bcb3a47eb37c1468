package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where the compiled OPA bundle is served and what it hashes to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyBundle {

    @JsonPropertyDescription("Digest of the bundle archive, e.g. sha256:ab12...; also its ETag.")
    private String digest;

    @JsonPropertyDescription("URL the OPA sidecars download the bundle from.")
    private String url;

    public PolicyBundle() {
    }

    public PolicyBundle(String digest, String url) {
        this.digest = digest;
        this.url = url;
    }

    public String getDigest() { return digest; }
    public void setDigest(String digest) { this.digest = digest; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
}
