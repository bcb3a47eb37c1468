package io.trustfabric.operator.reading;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.trustfabric.operator.lint.DidYouMean;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's serialization: reads any trustfabric.io object that is valid JSON, however its content differs from
 * this version's model. A value no enum knows, a field the model lacks or a value of the wrong type is left out of
 * the Java object and recorded as a {@link ReadProblem}, which the object's reconciler reports (see
 * {@link UnreadableObjects}). Anything else (Fabric8's model, a spec read on its own) is read as strictly as before.
 *
 * <p>Without this, one such object fails the informer's list or watch and JOSDK stops the whole operator.
 */
public final class TolerantSerialization extends KubernetesSerialization {

    private static final String MODEL_PACKAGE = "io.trustfabric.api.";
    /** Read as strictly as Fabric8 does: without them there is no object to report on. */
    private static final Set<String> ENVELOPE = Set.of("apiVersion", "kind", "metadata");

    private ReadProblemRegistry registry;

    public TolerantSerialization() {
        super(new ObjectMapper(), true);
    }

    /**
     * A client like the given one (same configuration) that reads with this serialization; the given client itself
     * when it already does. A client made here is the caller's to close.
     */
    public static KubernetesClient clientLike(KubernetesClient client) {
        if (client.getKubernetesSerialization() instanceof TolerantSerialization) {
            return client;
        }
        return new KubernetesClientBuilder().withConfig(client.getConfiguration())
                .withKubernetesSerialization(new TolerantSerialization()).build();
    }

    /** The problems of this exact object version (same uid and resourceVersion), empty when it was read whole. */
    public List<ReadProblem> problemsOf(HasMetadata resource) {
        return registry().of(resource);
    }

    // configureMapper runs in the super constructor, before field initialisers: the registry is created on first use
    private synchronized ReadProblemRegistry registry() {
        if (registry == null) {
            registry = new ReadProblemRegistry();
        }
        return registry;
    }

    @Override
    protected void configureMapper(ObjectMapper mapper) {
        super.configureMapper(mapper);
        SimpleModule module = new SimpleModule("trust-fabric-tolerant-reading");
        module.setDeserializerModifier(new Modifier());
        mapper.registerModule(module);
        mapper.addHandler(new UnknownFields());
    }

    private static boolean inModel(Class<?> type) {
        return type.getName().startsWith(MODEL_PACKAGE);
    }

    /** The problems found while one trustfabric.io object is read, and where that object starts. */
    private static final class Frame {
        static final Object KEY = Frame.class;

        final JsonStreamContext root;
        final List<ReadProblem> problems = new ArrayList<>();

        Frame(JsonStreamContext root) {
            this.root = root;
        }

        /** The field path of a parser position: "spec.modes[0]". */
        String pathOf(JsonStreamContext context) {
            Deque<String> parts = new ArrayDeque<>();
            for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inArray()) {
                    parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
                } else if (c.getCurrentName() != null) {
                    parts.push("." + c.getCurrentName());
                }
                if (c == root) {
                    break;
                }
            }
            String path = String.join("", parts);
            return path.startsWith(".") ? path.substring(1) : path;
        }

        static Frame of(DeserializationContext ctxt) {
            return (Frame) ctxt.getAttribute(KEY);
        }
    }

    private final class Modifier extends BeanDeserializerModifier {

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            return CustomResource.class.isAssignableFrom(type) && inModel(type)
                    ? new ObjectReading(deserializer) : deserializer;
        }

        @Override
        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                                                     BeanDeserializerBuilder builder) {
            Class<?> type = description.getBeanClass();
            if (!inModel(type)) {
                return builder;
            }
            boolean resource = CustomResource.class.isAssignableFrom(type);
            for (Iterator<SettableBeanProperty> it = builder.getProperties(); it.hasNext(); ) {
                SettableBeanProperty property = it.next();
                if (!(resource && ENVELOPE.contains(property.getName()))) {
                    builder.addOrReplaceProperty(new TolerantProperty(property), true);
                }
            }
            return builder;
        }
    }

    /** Around the deserializer of a trustfabric.io kind: opens a {@link Frame} and records what it collected. */
    private final class ObjectReading extends DelegatingDeserializer {

        ObjectReading(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new ObjectReading(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object outer = ctxt.getAttribute(Frame.KEY);
            Frame frame = new Frame(p.getParsingContext());
            ctxt.setAttribute(Frame.KEY, frame);
            try {
                Object value = super.deserialize(p, ctxt);
                if (value instanceof HasMetadata resource) {
                    registry().record(resource, frame.problems);
                }
                return value;
            } finally {
                ctxt.setAttribute(Frame.KEY, outer);
            }
        }
    }

    /**
     * A property of a model class that, inside a trustfabric.io object, leaves a value it cannot read unset and
     * records why, instead of failing the whole object.
     */
    private static final class TolerantProperty extends SettableBeanProperty.Delegating {

        TolerantProperty(SettableBeanProperty delegate) {
            super(delegate);
        }

        @Override
        protected SettableBeanProperty withDelegate(SettableBeanProperty delegate) {
            return new TolerantProperty(delegate);
        }

        @Override
        public void deserializeAndSet(JsonParser p, DeserializationContext ctxt, Object instance) throws IOException {
            Frame frame = Frame.of(ctxt);
            if (frame == null) {
                delegate.deserializeAndSet(p, ctxt, instance);
                return;
            }
            JsonStreamContext owner = ownerOf(p);
            try {
                delegate.deserializeAndSet(p, ctxt, instance);
            } catch (JsonMappingException e) {
                skip(frame, p, owner, e);
            }
        }

        @Override
        public Object deserializeSetAndReturn(JsonParser p, DeserializationContext ctxt, Object instance)
                throws IOException {
            Frame frame = Frame.of(ctxt);
            if (frame == null) {
                return delegate.deserializeSetAndReturn(p, ctxt, instance);
            }
            JsonStreamContext owner = ownerOf(p);
            try {
                return delegate.deserializeSetAndReturn(p, ctxt, instance);
            } catch (JsonMappingException e) {
                skip(frame, p, owner, e);
                return instance;
            }
        }

        /** The context of the object holding this property (a value's start token has opened a context of its own). */
        private static JsonStreamContext ownerOf(JsonParser p) {
            JsonToken token = p.currentToken();
            return token != null && token.isStructStart() ? p.getParsingContext().getParent() : p.getParsingContext();
        }

        /** Records the problem where the parser stopped, then moves to the end of this property's value. */
        private void skip(Frame frame, JsonParser p, JsonStreamContext owner, JsonMappingException e)
                throws IOException {
            JsonToken token = p.currentToken();
            JsonStreamContext at = token != null && token.isStructStart() && p.getParsingContext() != owner
                    ? p.getParsingContext().getParent() : p.getParsingContext();
            String path = frame.pathOf(at);
            Class<?> target = targetOf(e);
            if (target != null && target.isEnum() && token == JsonToken.VALUE_STRING) {
                frame.problems.add(new ReadProblem(ReadProblem.Kind.UNKNOWN_VALUE, path, "unknown value \""
                        + p.getText() + "\" (supported: " + String.join(", ", wireNames(target)) + ")"));
            } else {
                frame.problems.add(new ReadProblem(ReadProblem.Kind.INVALID_VALUE, path,
                        "cannot be read: " + e.getOriginalMessage().lines().findFirst().orElse("")));
            }
            while (p.getParsingContext() != owner && p.currentToken() != null) {
                p.nextToken();
            }
        }

        private static Class<?> targetOf(JsonMappingException e) {
            if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch) {
                return mismatch.getTargetType();
            }
            if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException instantiation) {
                return instantiation.getType().getRawClass();
            }
            return null;
        }
    }

    /** An enum's values as they are written in YAML (the @JsonValue when it has one). */
    static List<String> wireNames(Class<?> enumType) {
        Optional<Method> jsonValue = Arrays.stream(enumType.getMethods())
                .filter(m -> m.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonValue.class)).findFirst();
        return Arrays.stream(enumType.getEnumConstants()).map(constant -> {
            try {
                return jsonValue.isPresent() ? String.valueOf(jsonValue.get().invoke(constant))
                        : ((Enum<?>) constant).name();
            } catch (ReflectiveOperationException e) {
                return ((Enum<?>) constant).name();
            }
        }).toList();
    }

    /** Unknown fields of model classes inside a trustfabric.io object: recorded and skipped. */
    private static final class UnknownFields extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                                             JsonDeserializer<?> deserializer, Object beanOrClass,
                                             String propertyName) throws IOException {
            Frame frame = Frame.of(ctxt);
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            if (frame == null || !inModel(type)) {
                return false;
            }
            Collection<Object> known = deserializer.getKnownPropertyNames();
            Set<String> names = known == null ? Set.of()
                    : known.stream().map(String::valueOf).collect(Collectors.toSet());
            JsonToken token = p.currentToken();
            String path = frame.pathOf(token != null && token.isStructStart()
                    ? p.getParsingContext().getParent() : p.getParsingContext());
            String suggestion = DidYouMean.closest(propertyName, names).map(s -> "; did you mean " + s + "?")
                    .orElse("");
            frame.problems.add(new ReadProblem(ReadProblem.Kind.UNKNOWN_FIELD, path,
                    "unknown field \"" + propertyName + "\"" + suggestion));
            p.skipChildren();
            return true;
        }
    }
}
