package io.trustfabric.operator.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiCallTest {

    @Test
    void parsesCoreAndGroupedPaths() {
        assertThat(ApiCall.of("GET", "/api/v1/namespaces/trust/secrets/items"))
                .isEqualTo(new ApiCall("", "secrets", "get"));
        assertThat(ApiCall.of("GET", "/api/v1/secrets?labelSelector=a%3Db&watch=true"))
                .isEqualTo(new ApiCall("", "secrets", "watch"));
        assertThat(ApiCall.of("GET", "/apis/apps/v1/deployments?resourceVersion=0"))
                .isEqualTo(new ApiCall("apps", "deployments", "list"));
        assertThat(ApiCall.of("PATCH", "/apis/trustfabric.io/v1alpha1/namespaces/trust/tenants/acme/status"))
                .isEqualTo(new ApiCall("trustfabric.io", "tenants/status", "patch"));
        assertThat(ApiCall.of("POST", "/apis/coordination.k8s.io/v1/namespaces/trust-system/leases"))
                .isEqualTo(new ApiCall("coordination.k8s.io", "leases", "create"));
        assertThat(ApiCall.of("PUT", "/apis/coordination.k8s.io/v1/namespaces/trust-system/leases/x"))
                .isEqualTo(new ApiCall("coordination.k8s.io", "leases", "update"));
        assertThat(ApiCall.of("DELETE", "/apis/apps/v1/namespaces/trust/deployments/acme-psi"))
                .isEqualTo(new ApiCall("apps", "deployments", "delete"));
    }
}
