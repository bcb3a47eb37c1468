package io.trustfabric.operator.reading;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every place in a kind's spec and status where the model reads an enum, found by reflection over the model. */
final class EnumPlaces {

    /** @param path where, with [0] for a list element: spec.partners[0].modes[0] */
    record Place(Class<? extends CustomResource<?, ?>> kind, String path, Class<?> enumType) {
        boolean inStatus() {
            return path.startsWith("status.");
        }

        @Override
        public String toString() {
            return kind.getSimpleName() + " " + path + " (" + enumType.getSimpleName() + ")";
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EnumPlaces() {
    }

    static List<Place> of(Class<? extends CustomResource<?, ?>> kind) {
        List<Place> places = new ArrayList<>();
        JavaType type = MAPPER.constructType(kind);
        for (BeanPropertyDefinition property : properties(type)) {
            if (property.getName().equals("spec") || property.getName().equals("status")) {
                walk(kind, property.getName(), property.getPrimaryType(), places, new HashSet<>());
            }
        }
        return places;
    }

    private static void walk(Class<? extends CustomResource<?, ?>> kind, String path, JavaType type,
                             List<Place> places, Set<Class<?>> onPath) {
        if (type.isCollectionLikeType() || type.isArrayType()) {
            walk(kind, path + "[0]", type.getContentType(), places, onPath);
            return;
        }
        if (type.isMapLikeType()) {
            walk(kind, path + ".key", type.getContentType(), places, onPath);
            return;
        }
        Class<?> raw = type.getRawClass();
        if (raw.isEnum()) {
            places.add(new Place(kind, path, raw));
            return;
        }
        if (!raw.getName().startsWith("io.trustfabric.api.") || !onPath.add(raw)) {
            return;
        }
        for (BeanPropertyDefinition property : properties(type)) {
            if (property.hasSetter() || property.hasField()) {
                walk(kind, path + "." + property.getName(), property.getPrimaryType(), places, onPath);
            }
        }
        onPath.remove(raw);
    }

    private static List<BeanPropertyDefinition> properties(JavaType type) {
        BeanDescription description = MAPPER.getDeserializationConfig().introspect(type);
        return description.findProperties();
    }
}
