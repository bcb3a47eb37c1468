package io.trustfabric.operator.control;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The control API's route registry. Features add their routes at start-up (partners, budget leases, ...);
 * the server asks it which route answers a request.
 */
public final class ControlRoutes {

    private final List<Registered> routes = new CopyOnWriteArrayList<>();

    public ControlRoutes add(ControlRoute route) {
        PathTemplate template = new PathTemplate(route.path());
        for (Registered existing : routes) {
            if (existing.route.method().equalsIgnoreCase(route.method()) && existing.route.path().equals(route.path())) {
                throw new IllegalArgumentException("a route for " + route.method() + " " + route.path()
                        + " is already registered");
            }
        }
        routes.add(new Registered(route, template));
        return this;
    }

    /**
     * The route for the method and tenant-relative path with its path parameters.
     *
     * @throws ControlProblem 404 when no route has the path, 405 when routes have it for other methods only
     */
    Match resolve(String method, String path) {
        List<Map.Entry<Registered, Map<String, String>>> byPath = routes.stream()
                .map(r -> r.template.match(path).map(params -> Map.entry(r, params)))
                .flatMap(Optional::stream)
                .toList();
        if (byPath.isEmpty()) {
            throw ControlProblem.notFound("The control API has no resource at '" + path + "' below the tenant.");
        }
        return byPath.stream()
                .filter(e -> e.getKey().route.method().equalsIgnoreCase(method))
                .findFirst()
                .map(e -> new Match(e.getKey().route, e.getValue()))
                .orElseThrow(() -> {
                    String allow = byPath.stream().map(e -> e.getKey().route.method().toUpperCase())
                            .distinct().sorted().collect(Collectors.joining(", "));
                    return ControlProblem.methodNotAllowed(method + " is not supported on '" + path + "'.", allow);
                });
    }

    record Match(ControlRoute route, Map<String, String> pathParameters) {
    }

    private record Registered(ControlRoute route, PathTemplate template) {
    }
}
