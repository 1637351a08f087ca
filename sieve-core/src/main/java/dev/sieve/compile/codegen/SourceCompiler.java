package dev.sieve.compile.codegen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one generated source file in memory with the JDK's own compiler ({@code javax.tools}), returning
 * the class file bytes. The generated code needs only the JDK, so no class path is passed.
 */
final class SourceCompiler {
    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    private SourceCompiler() {}

    static boolean available() {
        return JAVAC != null;
    }

    /** The class file of {@code qualifiedName}, compiled from {@code source}. */
    static byte[] compile(String qualifiedName, String source, boolean vector) {
        if (JAVAC == null) {
            throw new IllegalStateException("the tensor compiler needs the JDK's compiler (module jdk.compiler); this runtime has none");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = JAVAC.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        JavaFileManager memory = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        classes.put(className, out);
                        return out;
                    }
                };
            }
        };
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + qualifiedName.replace('.', '/') + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = new ArrayList<>(List.of("-proc:none", "-g:none", "-nowarn", "-Xlint:none", "-XDsuppressNotes"));
        if (vector) options.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        boolean ok = JAVAC.getTask(null, memory, diagnostics, options, null, List.of(file)).call();
        try {
            memory.close();
        } catch (IOException ignored) {
            // in-memory: nothing to release
        }
        if (!ok) {
            StringBuilder msg = new StringBuilder("generated kernel " + qualifiedName + " did not compile (a bug in Sieve's code generator):");
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) msg.append("\n  line ").append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT));
            }
            throw new IllegalStateException(msg.toString());
        }
        ByteArrayOutputStream bytes = classes.get(qualifiedName);
        if (bytes == null) throw new IllegalStateException("javac produced no class " + qualifiedName + " (got " + classes.keySet() + ")");
        return bytes.toByteArray();
    }
}
