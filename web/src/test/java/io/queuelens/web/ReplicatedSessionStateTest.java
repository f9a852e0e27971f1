package io.queuelens.web;

import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Serializable;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session state that can be serialized: what Payara needs to passivate sessions and to replicate them
 * (docs/CLUSTER.md, "Sessions": off for now, but one web.xml line away). A field whose value cannot be
 * serialized would fail only at run time, on the server where it happens; this test fails instead:
 * every instance field of a session- or view-scoped bean (and of its superclasses) is transient, injected
 * or an EJB (CDI and EJB proxies serialize as references), or of a type that serializes: a primitive, a
 * Serializable class whose own fields serialize (for QueueLens' classes), or a collection or map of such.
 */
class ReplicatedSessionStateTest {

    private static final List<String> PASSIVATING_SCOPES = List.of(
            "jakarta.enterprise.context.SessionScoped", "jakarta.enterprise.context.ConversationScoped",
            "jakarta.faces.view.ViewScoped", "org.omnifaces.cdi.ViewScoped", "jakarta.faces.flow.FlowScoped");

    @Test
    void everySessionAndViewScopedBeanHoldsOnlySerializableState() throws Exception {
        List<Class<?>> beans = beans();
        assertThat(beans).as("the scan finds the pages' beans").hasSizeGreaterThan(15);
        List<String> problems = new ArrayList<>();
        for (Class<?> bean : beans) {
            if (!Serializable.class.isAssignableFrom(bean)) {
                problems.add(bean.getName() + " is not Serializable");
            }
            for (Class<?> c = bean; c != null && c.getName().startsWith("io.queuelens."); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isAnnotationPresent(Inject.class) || f.isSynthetic()) {
                        continue;
                    }
                    if (!serializable(f.getGenericType())) {
                        problems.add(c.getName() + "." + f.getName() + " (" + f.getGenericType().getTypeName() + ")");
                    }
                }
            }
        }
        assertThat(problems).as("state of session- and view-scoped beans that would not replicate").isEmpty();
    }

    static boolean serializable(Type type) {
        return serializable(type, new java.util.HashSet<>());
    }

    /** Our own classes are looked into as well: a Serializable record with a non-serializable component fails too. */
    private static boolean serializable(Type type, Set<Class<?>> seen) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                return serializable(c.getComponentType(), seen);
            }
            if (c.isPrimitive() || c.isEnum() || isEjb(c)) {
                return true; // an EJB reference is serialized as a reference by the container
            }
            if (!Serializable.class.isAssignableFrom(c)) {
                return false;
            }
            if (!c.getName().startsWith("io.queuelens.") || !seen.add(c)) {
                return true;
            }
            for (Class<?> k = c; k != null && k.getName().startsWith("io.queuelens."); k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (!Modifier.isStatic(m) && !Modifier.isTransient(m) && !f.isSynthetic()
                            && !serializable(f.getGenericType(), seen)) {
                        return false;
                    }
                }
            }
            return true;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            boolean container = Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw);
            boolean rawOk = container || Serializable.class.isAssignableFrom(raw);
            if (Optional.class.equals(raw)) {
                return false; // Optional is not Serializable
            }
            return rawOk && Stream.of(p.getActualTypeArguments()).allMatch(t -> serializable(t, seen));
        }
        if (type instanceof WildcardType w) {
            return Stream.of(w.getUpperBounds()).allMatch(t -> serializable(t, seen));
        }
        return false; // type variables and arrays of unknown things: say it explicitly with a concrete type
    }

    private static boolean isEjb(Class<?> c) {
        return c.isAnnotationPresent(jakarta.ejb.Stateless.class) || c.isAnnotationPresent(jakarta.ejb.Singleton.class)
                || c.isAnnotationPresent(jakarta.ejb.Stateful.class);
    }

    private static List<Class<?>> beans() throws IOException, ClassNotFoundException {
        Path root = Path.of("target/classes");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, ReplicatedSessionStateTest.class.getClassLoader());
                for (Annotation a : c.getDeclaredAnnotations()) {
                    if (PASSIVATING_SCOPES.contains(a.annotationType().getName())) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void theCheckRefusesWhatWouldNotSerialize() throws Exception {
        class Holder {
            List<String> names;
            Optional<String> maybe;
            Map<String, Thread> threads;
            Object anything;
        }
        assertThat(serializable(Holder.class.getDeclaredField("names").getGenericType())).isTrue();
        assertThat(serializable(Holder.class.getDeclaredField("maybe").getGenericType())).isFalse();
        assertThat(serializable(Holder.class.getDeclaredField("threads").getGenericType())).isFalse();
        assertThat(serializable(Holder.class.getDeclaredField("anything").getGenericType())).isFalse();
        assertThat(Set.of()).isInstanceOf(Serializable.class);
    }
}
