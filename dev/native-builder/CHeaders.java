import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Writes the C headers of GraalVM's own C helper project (include/amd64cpufeatures.h, svm_locale.h, ...)
 * that the native-image builder compiles its layout probes against. A GraalVM distribution ships them
 * in lib/svm/clibraries; the Maven Central jars do not, so they are generated here from the builder's
 * own annotations: every CContext.Directives class of the builder jar that names a project header
 * ({@code ProjectHeaderFile.resolve(..., "include/x.h")}) gets a header holding the @CStruct interfaces
 * and @CConstant methods that use those directives.
 *
 * <p>Usage: {@code java CHeaders.java <out-dir> <builder.jar> <classpath of the builder jars>}
 */
public class CHeaders {

    private static final Pattern PROJECT_HEADER = Pattern.compile("include/[A-Za-z0-9_]+\\.h");

    /**
     * The values of @CConstant methods: the jar holds only their names. They matter only to a linked
     * image (which this check never produces); the probe just needs them to compile. Values as in
     * GraalVM's com.oracle.svm.native.libchelper/include/svm_locale.h.
     */
    private static final Map<String, String> CONSTANT_VALUES = Map.of(
            "SVM_LOCALE_INITIALIZATION_USE_DEFAULT", "0",
            "SVM_LOCALE_INITIALIZATION_SUCCEEDED", "1",
            "SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY", "2");

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path builderJar = Path.of(args[1]);
        List<URL> urls = new ArrayList<>();
        for (String entry : args[2].split(":")) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Map<String, byte[]> classes = readClasses(builderJar);

        Map<String, String> headerOfDirectives = new TreeMap<>();
        for (var e : classes.entrySet()) {
            String text = new String(e.getValue(), StandardCharsets.ISO_8859_1);
            if (!text.contains("com/oracle/svm/core/c/ProjectHeaderFile") || !text.contains("CContext$Directives")) {
                continue;
            }
            Matcher m = PROJECT_HEADER.matcher(text);
            if (m.find()) {
                headerOfDirectives.put(e.getKey(), m.group());
            }
        }
        if (headerOfDirectives.isEmpty()) {
            throw new IllegalStateException("no CContext.Directives naming a project header in " + builderJar);
        }

        Class<? extends Annotation> cContext = annotation(loader, "org.graalvm.nativeimage.c.CContext");
        Class<? extends Annotation> cStruct = annotation(loader, "org.graalvm.nativeimage.c.struct.CStruct");
        Class<? extends Annotation> cField = annotation(loader, "org.graalvm.nativeimage.c.struct.CField");
        Class<? extends Annotation> cConstant = annotation(loader, "org.graalvm.nativeimage.c.constant.CConstant");

        Map<String, StringBuilder> headers = new TreeMap<>();
        for (var directives : headerOfDirectives.entrySet()) {
            String descriptor = "L" + directives.getKey().replace('.', '/') + ";";
            StringBuilder body = headers.computeIfAbsent(directives.getValue(), h -> new StringBuilder());
            for (var e : classes.entrySet()) {
                if (e.getKey().equals(directives.getKey())
                        || !new String(e.getValue(), StandardCharsets.ISO_8859_1).contains(descriptor)) {
                    continue;
                }
                Class<?> user = Class.forName(e.getKey(), false, loader);
                if (!user.isAnnotationPresent(cContext) || !contextOf(user, cContext).getName().equals(directives.getKey())) {
                    continue;
                }
                List<Class<?>> scope = new ArrayList<>();
                scope.add(user);
                for (Class<?> nested : user.getDeclaredClasses()) {
                    if (!nested.isAnnotationPresent(cContext)) {
                        scope.add(nested);
                    }
                }
                for (Class<?> c : scope) {
                    body.append(constants(c, cConstant));
                    if (c.isAnnotationPresent(cStruct)) {
                        body.append(struct(c, cStruct, cField));
                    }
                }
            }
        }

        for (var header : headers.entrySet()) {
            String guard = header.getKey().replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
            String text = "/* Generated by dev/native-builder/CHeaders.java from " + builderJar.getFileName()
                    + "; do not edit. */\n#ifndef " + guard + "\n#define " + guard + "\n#include <stdint.h>\n\n"
                    + header.getValue() + "#endif\n";
            Path file = out.resolve(header.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            System.out.println("wrote " + file);
        }
    }

    private static Map<String, byte[]> readClasses(Path jar) throws IOException {
        Map<String, byte[]> classes = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName();
                if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                    classes.put(className, zip.getInputStream(entry).readAllBytes());
                }
            }
        }
        return classes;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Annotation> annotation(ClassLoader loader, String name) throws ClassNotFoundException {
        return (Class<? extends Annotation>) Class.forName(name, false, loader);
    }

    private static Class<?> contextOf(Class<?> c, Class<? extends Annotation> cContext) throws ReflectiveOperationException {
        Annotation a = c.getAnnotation(cContext);
        return (Class<?>) a.annotationType().getMethod("value").invoke(a);
    }

    private static String stringValue(Annotation a, String element) throws ReflectiveOperationException {
        return (String) a.annotationType().getMethod(element).invoke(a);
    }

    private static String constants(Class<?> c, Class<? extends Annotation> cConstant) throws ReflectiveOperationException {
        StringBuilder sb = new StringBuilder();
        for (Method m : sorted(c.getDeclaredMethods())) {
            Annotation a = m.getAnnotation(cConstant);
            if (a == null) {
                continue;
            }
            String name = stringValue(a, "value").isEmpty() ? m.getName() : stringValue(a, "value");
            String value = CONSTANT_VALUES.get(name);
            if (value == null) {
                throw new IllegalStateException("@CConstant " + name + " of " + c.getName()
                        + " has no known value: add it to CHeaders.CONSTANT_VALUES");
            }
            sb.append("static const ").append(cType(m.getReturnType(), name)).append(' ').append(name)
                    .append(" = ").append(value).append(";\n");
        }
        return sb.isEmpty() ? "" : sb.append('\n').toString();
    }

    private static String struct(Class<?> c, Class<? extends Annotation> cStruct, Class<? extends Annotation> cField)
            throws ReflectiveOperationException {
        Annotation s = c.getAnnotation(cStruct);
        String name = stringValue(s, "value").isEmpty() ? c.getSimpleName() : stringValue(s, "value");
        boolean structKeyword = (Boolean) s.annotationType().getMethod("addStructKeyword").invoke(s);
        Map<String, String> fields = new LinkedHashMap<>();
        for (Method m : sorted(c.getDeclaredMethods())) {
            Annotation f = m.getAnnotation(cField);
            if (f == null || m.getParameterCount() != 0 || m.getReturnType() == void.class) {
                continue; // setters name the same fields as getters
            }
            String field = stringValue(f, "value");
            if (field.isEmpty()) {
                field = m.getName();
                if (field.matches("(get|set|address)[A-Z].*")) {
                    throw new IllegalStateException(c.getName() + "." + m.getName()
                            + ": accessor prefixes are not handled; give the generator the builder's naming rule");
                }
            }
            fields.put(field, cType(m.getReturnType(), c.getName() + "." + m.getName()));
        }
        StringBuilder sb = new StringBuilder(structKeyword ? "struct " + name + " {\n" : "typedef struct {\n");
        fields.forEach((field, type) -> sb.append("    ").append(type).append(' ').append(field).append(";\n"));
        return sb.append(structKeyword ? "};\n\n" : "} " + name + ";\n\n").toString();
    }

    /** By name, for a stable file: reflection gives no declaration order, and the probe finds offsets itself. */
    private static List<Method> sorted(Method[] methods) {
        List<Method> list = new ArrayList<>(Arrays.asList(methods));
        list.sort(Comparator.comparing(Method::getName));
        return list;
    }

    private static String cType(Class<?> type, String where) {
        if (type == boolean.class || type == byte.class) {
            return "uint8_t";
        } else if (type == short.class) {
            return "int16_t";
        } else if (type == int.class) {
            return "int32_t";
        } else if (type == long.class) {
            return "int64_t";
        } else if (type.getName().equals("org.graalvm.nativeimage.c.type.CCharPointer")) {
            return "char *";
        } else if (!type.isPrimitive()) {
            // any other word type (pointer, struct pointer, UnsignedWord): a machine word
            return "void *";
        }
        throw new IllegalStateException(where + ": no C type for " + type);
    }
}
