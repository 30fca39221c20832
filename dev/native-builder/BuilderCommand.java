import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Does for dev/native-compile.sh what GraalVM's {@code native-image} launcher does before it starts the
 * builder, since the launcher (svm-driver) is not on Maven Central: turns launcher arguments (Quarkus's
 * native-image.args, or the self-test's) into the builder JVM's options and the builder's own arguments.
 *
 * <ul>
 * <li>{@code --name[=value]} options become {@code -H:Option=value} by the builder's own {@code @APIOption}
 * annotations, read from the builder jars (value transformers included); an option the launcher would not
 * know fails here.</li>
 * <li>{@code -J<x>} becomes a JVM option; {@code -H:}/{@code -R:} pass through.</li>
 * <li>{@code -jar}/{@code -cp} build the image class path (the jar's manifest Main-Class, Class-Path,
 * Add-Opens, Add-Exports and Enable-Native-Access included),
 * and each entry's {@code META-INF/native-image} is applied as the launcher applies it:
 * native-image.properties {@code Args}/{@code JavaArgs}, and the *-config.json and reachability-metadata
 * files as {@code -H:*Resources} options, minus what {@code --exclude-config} excludes.</li>
 * </ul>
 *
 * Writes {@code <out>/jvm.args} (a java @argfile) and {@code <out>/builder.args} (NUL-separated, for the
 * builder's {@code --image-args-file=}). Usage:
 * {@code java BuilderCommand.java --jars DIR --clibraries DIR --workdir DIR --image-path DIR
 * --vendor-version V --graalvm-version V --out DIR --args-file FILE [-- extra launcher args]}
 */
public class BuilderCommand {

    private static final String BUILDER_MODULE = "org.graalvm.nativeimage.builder";
    private static final Set<String> UPGRADE_MODULES = Set.of("jdk.graal.compiler", "org.graalvm.truffle.compiler");

    /** The launcher's MetaInfFileType: file name in META-INF/native-image and the builder option it becomes. */
    private static final Map<String, String> META_INF_CONFIG = new LinkedHashMap<>();
    static {
        META_INF_CONFIG.put("reachability-metadata.json", "ReachabilityMetadataResources");
        META_INF_CONFIG.put("jni-config.json", "JNIConfigurationResources");
        META_INF_CONFIG.put("foreign-config.json", "ForeignResources");
        META_INF_CONFIG.put("reflect-config.json", "ReflectionConfigurationResources");
        META_INF_CONFIG.put("resource-config.json", "ResourceConfigurationResources");
        META_INF_CONFIG.put("proxy-config.json", "DynamicProxyConfigurationResources");
        META_INF_CONFIG.put("serialization-config.json", "SerializationConfigurationResources");
        META_INF_CONFIG.put("serialization-deny-config.json", "SerializationDenyConfigurationResources");
        META_INF_CONFIG.put("predefined-classes-config.json", "PredefinedClassesConfigurationResources");
    }

    record ApiOption(String launcherName, String builderPrefix, boolean bool, String defaultValue, boolean takesNoValue,
                    char[] separators, List<Function<Object, Object>> transformers) {
    }

    record ExcludeConfig(Pattern jar, Pattern resource) {
    }

    private final List<ApiOption> apiOptions = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> builderArgs = new ArrayList<>();
    private final LinkedHashSet<Path> imageClasspath = new LinkedHashSet<>();
    private final List<ExcludeConfig> excludes = new ArrayList<>();
    private final List<String> positional = new ArrayList<>();
    private final Path workdir;
    private boolean jarMode;
    private String mainClass;
    private String imageName;

    BuilderCommand(Path workdir) {
        this.workdir = workdir;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            if (argv[i].equals("--")) {
                extra.addAll(List.of(argv).subList(i + 1, argv.length));
                break;
            }
            opts.put(argv[i], argv[++i]);
        }
        Path jars = Path.of(require(opts, "--jars")).toAbsolutePath();
        Path out = Path.of(require(opts, "--out"));
        BuilderCommand command = new BuilderCommand(Path.of(require(opts, "--workdir")).toAbsolutePath());

        List<Path> builderJars;
        try (Stream<Path> s = Files.list(jars)) {
            builderJars = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        command.readApiOptions(builderJars);

        List<String> launcherArgs = new ArrayList<>();
        for (String word : Files.readString(Path.of(require(opts, "--args-file"))).trim().split("\\s+")) {
            if (!word.isEmpty()) {
                launcherArgs.add(word);
            }
        }
        launcherArgs.addAll(extra);
        command.process(new ArrayDeque<>(launcherArgs), null);
        command.applyMetaInf();

        List<String> builder = new ArrayList<>();
        builder.add("-imagecp");
        builder.add(command.imageClasspath.stream().map(Path::toString).collect(Collectors.joining(":")));
        builder.add("-H:CLibraryPath=" + Path.of(require(opts, "--clibraries")).toAbsolutePath());
        builder.add("-H:Path=" + Path.of(require(opts, "--image-path")).toAbsolutePath());
        builder.addAll(command.builderArgs);
        builder.add("-H:Name=" + command.imageName());
        if (command.mainClass != null) {
            builder.add("-H:Class=" + command.mainClass);
        }
        builder.add("-H:ImageBuildID=" + UUID.randomUUID());

        List<String> jvm = new ArrayList<>();
        jvm.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "-XX:-UseJVMCICompiler", "-Xss10m",
                        "-Djava.awt.headless=true",
                        "-Dorg.graalvm.vendor=Red Hat, Inc.",
                        "-Dorg.graalvm.vendorurl=https://github.com/graalvm/mandrel",
                        "-Dorg.graalvm.vendorversion=" + require(opts, "--vendor-version"),
                        "-Dorg.graalvm.version=" + require(opts, "--graalvm-version"),
                        "-Dcom.oracle.graalvm.isaot=true",
                        "-Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader",
                        "-Dorg.graalvm.nativeimage.imagecode=buildtime",
                        "-Xshare:off",
                        "-Djdk.internal.lambda.disableEagerInitialization=true",
                        "-Djdk.internal.lambda.eagerlyInitialize=false",
                        "-Djava.lang.invoke.InnerClassLambdaMetafactory.initializeLambdas=false",
                        "-Djava.lang.invoke.MethodHandle.DONT_INLINE_THRESHOLD=-1",
                        "-Djava.lang.invoke.MethodHandle.PROFILE_GWT=false"));
        jvm.addAll(command.jvmArgs);
        jvm.addAll(moduleOptions(builderJars));
        long opens = jvm.stream().filter(a -> a.startsWith("--add-opens")).count();
        if (opens >= 1000) {
            throw new IllegalStateException(opens + " --add-opens: the JVM accepts at most 999; narrow them");
        }
        jvm.add("--module");
        jvm.add(BUILDER_MODULE + "/com.oracle.svm.hosted.NativeImageGeneratorRunner");

        Files.createDirectories(out);
        Files.writeString(out.resolve("jvm.args"), jvm.stream().map(BuilderCommand::quote).collect(Collectors.joining("\n", "", "\n")));
        Files.writeString(out.resolve("builder.args"), String.join("\0", builder));
        Files.writeString(out.resolve("builder.args.txt"), String.join("\n", builder) + "\n");
    }

    /**
     * The builder runs as modules on a plain JDK, which exports its internals to none of them (in a
     * GraalVM distribution the launcher grants them): every package of the boot layer's JDK modules is
     * opened to the builder's modules. The JVM takes fewer than 1,000 --add-opens. The builder's own packages are
     * not exported to the image class path beyond what the launcher arguments ask for (Quarkus asks with
     * -J--add-exports), so a feature that needs more fails here as it would in a GraalVM distribution.
     */
    private static List<String> moduleOptions(List<Path> builderJars) {
        List<Path> modulePath = new ArrayList<>();
        List<Path> upgradePath = new ArrayList<>();
        Map<String, Set<String>> builderPackages = new LinkedHashMap<>();
        for (Path jar : builderJars) {
            ModuleReference ref = ModuleFinder.of(jar).findAll().iterator().next();
            ModuleDescriptor d = ref.descriptor();
            (UPGRADE_MODULES.contains(d.name()) ? upgradePath : modulePath).add(jar);
            builderPackages.put(d.name(), new TreeSet<>(d.packages()));
        }
        String builderModules = String.join(",", builderPackages.keySet());
        // Only modules the builder JVM's boot layer holds: --add-opens to any other draws a warning.
        ModuleFinder finder = ModuleFinder.compose(ModuleFinder.of(upgradePath.toArray(Path[]::new)), ModuleFinder.ofSystem(),
                        ModuleFinder.of(modulePath.toArray(Path[]::new)));
        Set<String> roots = new TreeSet<>(Set.of(BUILDER_MODULE));
        for (ModuleReference system : ModuleFinder.ofSystem().findAll()) {
            String name = system.descriptor().name();
            // ALL-DEFAULT: modules exporting a package to all, except incubator modules (JEP 11)
            if (!name.startsWith("jdk.incubator.") && system.descriptor().exports().stream().anyMatch(e -> !e.isQualified())) {
                roots.add(name);
            }
        }
        Configuration boot = Configuration.empty().resolveAndBind(finder, ModuleFinder.of(), roots);
        List<String> opens = new ArrayList<>();
        List<ModuleDescriptor> bootModules = boot.modules().stream().map(m -> m.reference().descriptor())
                        .sorted((a, b) -> a.name().compareTo(b.name())).toList();
        for (ModuleDescriptor d : bootModules) {
            if (builderPackages.containsKey(d.name())) {
                continue;
            }
            for (String pkg : new TreeSet<>(d.packages())) {
                opens.add("--add-opens=" + d.name() + "/" + pkg + "=" + builderModules);
            }
        }
        List<String> result = new ArrayList<>();
        result.add("--module-path");
        result.add(modulePath.stream().map(Path::toString).collect(Collectors.joining(":")));
        result.add("--upgrade-module-path");
        result.add(upgradePath.stream().map(Path::toString).collect(Collectors.joining(":")));
        result.add("--add-modules=ALL-DEFAULT");
        result.add("--enable-native-access=" + builderModules);
        result.addAll(opens);
        return result;
    }

    private String imageName() {
        // The launcher's rule: in -jar mode the first positional argument names the image; otherwise the
        // first is the main class and the second the name.
        List<String> rest = new ArrayList<>(positional);
        if (!jarMode && !rest.isEmpty()) {
            mainClass = rest.removeFirst();
        }
        if (!rest.isEmpty()) {
            imageName = rest.removeFirst();
        }
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("unrecognized arguments: " + rest);
        }
        if (imageName == null && mainClass != null) {
            imageName = mainClass.toLowerCase();
        }
        if (imageName == null) {
            throw new IllegalArgumentException("no image name");
        }
        return imageName;
    }

    /** Launcher arguments from the command line (origin null) or from a jar's native-image.properties. */
    private void process(Deque<String> args, String origin) throws IOException {
        while (!args.isEmpty()) {
            String arg = args.poll();
            if (arg.startsWith("-J")) {
                jvmArgs.add(arg.substring(2));
            } else if (arg.startsWith("-H:") || arg.startsWith("-R:")) {
                builderArgs.add(withOrigin(arg, origin));
            } else if (arg.equals("--exclude-config")) {
                excludes.add(new ExcludeConfig(Pattern.compile(next(args, arg)), Pattern.compile(next(args, arg))));
            } else if (arg.equals("-jar") && origin == null) {
                jarMode = true;
                Path jar = workdir.resolve(next(args, arg)).normalize();
                imageClasspath.add(jar);
                try (JarFile jarFile = new JarFile(jar.toFile())) {
                    Attributes manifest = jarFile.getManifest().getMainAttributes();
                    mainClass = manifest.getValue("Main-Class");
                    // as the launcher's handleModuleAttributes and handleEnableNativeAccessAttribute
                    for (String attribute : List.of("Add-Opens", "Add-Exports")) {
                        String packages = manifest.getValue(attribute);
                        if (packages != null) {
                            for (String modulePackage : packages.trim().split(" +")) {
                                builderArgs.add("-H:" + attribute.replace("-", "") + "=" + modulePackage + "=ALL-UNNAMED");
                            }
                        }
                    }
                    String nativeAccess = manifest.getValue("Enable-Native-Access");
                    if (nativeAccess != null) {
                        if (!nativeAccess.trim().equals("ALL-UNNAMED")) {
                            throw new IllegalArgumentException(jar + ": Enable-Native-Access allows only ALL-UNNAMED");
                        }
                        jvmArgs.add("--enable-native-access=ALL-UNNAMED");
                    }
                    String classPath = manifest.getValue("Class-Path");
                    if (classPath != null) {
                        for (String entry : classPath.trim().split(" +")) {
                            imageClasspath.add(jar.getParent().resolve(entry).normalize());
                        }
                    }
                }
            } else if ((arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path")) && origin == null) {
                for (String entry : next(args, arg).split(":")) {
                    imageClasspath.add(workdir.resolve(entry).normalize());
                }
            } else if (!arg.startsWith("-") && origin == null) {
                positional.add(arg);
            } else {
                String translated = translateApiOption(arg, args);
                if (translated == null) {
                    throw new IllegalArgumentException("launcher option not handled by dev/native-builder/BuilderCommand.java: " + arg
                                    + (origin == null ? "" : " (from " + origin + ")"));
                }
                builderArgs.add(withOrigin(translated, origin == null ? null : origin + "+api"));
            }
        }
    }

    private static String next(Deque<String> args, String option) {
        String value = args.poll();
        if (value == null) {
            throw new IllegalArgumentException(option + " needs an argument");
        }
        return value;
    }

    /** The launcher's injectHostedOptionOrigin: {@code -H:Name@origin=value}, {@code -H:+Name@origin}. */
    private static String withOrigin(String option, String origin) {
        if (origin == null) {
            return option;
        }
        char first = option.charAt(3);
        if (first == '+' || first == '-') {
            return option + "@" + origin;
        }
        int eq = option.indexOf('=');
        return option.substring(0, eq) + "@" + origin + option.substring(eq);
    }

    private String translateApiOption(String arg, Deque<String> args) {
        for (ApiOption o : apiOptions) {
            String value = null;
            boolean matched = false;
            if (arg.equals(o.launcherName) && (o.takesNoValue || o.defaultValue != null)) {
                matched = true;
                value = o.defaultValue;
            } else {
                for (char sep : o.separators) {
                    if (sep == ' ' && arg.equals(o.launcherName)) {
                        matched = true;
                        value = next(args, arg);
                        break;
                    } else if (sep != ' ' && arg.startsWith(o.launcherName + (sep == 0 ? "" : String.valueOf(sep)))) {
                        if (o.takesNoValue) {
                            throw new IllegalArgumentException("option " + arg + " takes no value");
                        }
                        matched = true;
                        value = arg.substring(o.launcherName.length() + (sep == 0 ? 0 : 1));
                        break;
                    }
                }
            }
            if (matched) {
                if (o.bool) {
                    return o.builderPrefix;
                }
                Object transformed = value == null ? "" : value;
                for (Function<Object, Object> t : o.transformers) {
                    transformed = t.apply(transformed);
                }
                return o.builderPrefix + transformed;
            }
        }
        return null;
    }

    /** Collects every {@code @APIOption} of the builder's options, as the launcher's APIOptionHandler does. */
    @SuppressWarnings("unchecked")
    private void readApiOptions(List<Path> builderJars) throws Exception {
        URL[] urls = new URL[builderJars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = builderJars.get(i).toUri().toURL();
        }
        ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
        Class<? extends Annotation> apiOption = (Class<? extends Annotation>) loader.loadClass("com.oracle.svm.core.option.APIOption");
        Class<?> nullGroup = loader.loadClass("com.oracle.svm.core.option.APIOption$NullGroup");
        Class<?> runtimeKey = loader.loadClass("com.oracle.svm.core.option.RuntimeOptionKey");
        for (Path jar : builderJars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry entry : Collections.list(zip.entries())) {
                    String name = entry.getName();
                    if (!name.endsWith(".class") || name.endsWith("module-info.class")) {
                        continue;
                    }
                    String bytes = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                    if (!bytes.contains("Lcom/oracle/svm/core/option/APIOption")) {
                        continue;
                    }
                    Class<?> holder = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                    for (Field field : holder.getDeclaredFields()) {
                        for (Annotation a : field.getAnnotationsByType(apiOption)) {
                            apiOptions.add(apiOption(field, a, nullGroup, runtimeKey));
                        }
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static ApiOption apiOption(Field field, Annotation a, Class<?> nullGroup, Class<?> runtimeKey) throws Exception {
        Function<String, Object> get = element -> {
            try {
                return a.annotationType().getMethod(element).invoke(a);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
        String[] names = (String[]) get.apply("name");
        String[] fixedValue = (String[]) get.apply("fixedValue");
        String[] defaultValue = (String[]) get.apply("defaultValue");
        Class<?> group = (Class<?>) get.apply("group");
        boolean negated = get.apply("kind").toString().equals("Negated");
        String prefix = runtimeKey.isAssignableFrom(field.getType()) ? "-R:" : "-H:";
        Type valueType = field.getGenericType() instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
        boolean bool = valueType == Boolean.class;
        String launcherName = names[0].startsWith("-") ? names[0] : "--" + names[0];
        if (group != nullGroup) {
            var instance = group.getDeclaredConstructor();
            instance.setAccessible(true);
            Object g = instance.newInstance();
            String groupName = (String) group.getMethod("name").invoke(g);
            launcherName = (groupName.startsWith("-") ? groupName : "--" + groupName) + "=" + names[0];
        }
        List<Function<Object, Object>> transformers = new ArrayList<>();
        for (Class<?> t : (Class<?>[]) get.apply("valueTransformer")) {
            if (!t.getSimpleName().equals("DefaultTransformer")) {
                var ctor = t.getDeclaredConstructor();
                ctor.setAccessible(true);
                transformers.add((Function<Object, Object>) ctor.newInstance());
            }
        }
        String builderPrefix = bool ? prefix + (negated ? "-" : "+") + field.getName() : prefix + field.getName() + "=";
        String def = fixedValue.length > 0 ? fixedValue[0] : defaultValue.length > 0 ? defaultValue[0] : null;
        return new ApiOption(launcherName, builderPrefix, bool, def, bool || fixedValue.length > 0,
                        (char[]) get.apply("valueSeparator"), transformers);
    }

    /** The launcher's NativeImageMetaInfWalker over every image class path entry. */
    private void applyMetaInf() throws IOException {
        for (Path entry : new ArrayList<>(imageClasspath)) {
            if (Files.isDirectory(entry)) {
                walkMetaInf(entry, entry, entry.resolve("META-INF/native-image"));
            } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + entry.toUri()), Map.of())) {
                    walkMetaInf(entry, fs.getPath("/"), fs.getPath("/META-INF/native-image"));
                }
            }
        }
    }

    private void walkMetaInf(Path entry, Path root, Path metaInf) throws IOException {
        if (!Files.isDirectory(metaInf)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(metaInf)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        // properties first, then the config files, in the launcher's order of file types
        List<String> order = new ArrayList<>();
        order.add("native-image.properties");
        order.addAll(META_INF_CONFIG.keySet());
        for (String type : order) {
            for (Path file : files) {
                if (!file.getFileName().toString().equals(type) || excluded(entry, file)) {
                    continue;
                }
                String origin = file.toUri().toString();
                if (type.equals("native-image.properties")) {
                    applyProperties(file, origin);
                } else {
                    builderArgs.add(withOrigin("-H:" + META_INF_CONFIG.get(type) + "=" + root.relativize(file), origin + "+api"));
                }
            }
        }
    }

    private boolean excluded(Path entry, Path file) {
        return excludes.stream().anyMatch(e -> e.jar.matcher(entry.toString()).find() && e.resource.matcher(file.toString()).find());
    }

    private void applyProperties(Path file, String origin) throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(file)) {
            properties.load(in);
        }
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key);
            if (value.contains("${")) {
                throw new IllegalArgumentException(origin + ": property substitution (" + value + ") is not handled");
            }
            List<String> words = List.of(value.trim().split("\\s+"));
            switch (key) {
                case "Args" -> process(new ArrayDeque<>(words), origin);
                case "JavaArgs" -> jvmArgs.addAll(words);
                case "ImageName" -> imageName = value.trim();
                default -> throw new IllegalArgumentException(origin + ": property " + key + " is not handled");
            }
        }
    }

    private static String quote(String arg) {
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String require(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v;
    }
}
