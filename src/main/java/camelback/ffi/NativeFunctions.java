package camelback.ffi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.Optional;
import jdk.incubator.foreign.CLinker;
import jdk.incubator.foreign.FunctionDescriptor;
import jdk.incubator.foreign.MemoryAddress;
import jdk.incubator.foreign.SymbolLookup;

/**
 * Binds C functions of a system library through Java 17's incubating foreign-function API. Only reached from the
 * {@code open} functions that {@link NativeLibraries#load} calls once it knows the module is present.
 */
public final class NativeFunctions {
    /** A C signature with the Java type its method handle takes. */
    public record Signature(MethodType type, FunctionDescriptor descriptor) {}

    /** {@code void f(void *)}. */
    public static final Signature POINTER_TO_VOID = new Signature(
            MethodType.methodType(void.class, MemoryAddress.class), FunctionDescriptor.ofVoid(CLinker.C_POINTER));
    /** {@code int f(void *)}. */
    public static final Signature POINTER_TO_INT = new Signature(MethodType.methodType(int.class, MemoryAddress.class),
            FunctionDescriptor.of(CLinker.C_INT, CLinker.C_POINTER));
    /** {@code uint32_t f(uint32_t adler, const void *buffer, size_t length)}, as both libraries' Adler-32. */
    public static final Signature CHECKSUM = new Signature(
            MethodType.methodType(int.class, int.class, MemoryAddress.class, long.class),
            FunctionDescriptor.of(CLinker.C_INT, CLinker.C_INT, CLinker.C_POINTER, CLinker.C_LONG));

    private NativeFunctions() {}

    /**
     * Loads the library at {@code path}, or the first file with one of {@code names} in the usual directories when
     * {@code path} is null; false when there is none.
     */
    public static boolean load(String path, String... names) {
        Optional<Path> library = NativeLibraries.find(path, names);
        library.ifPresent(file -> System.load(file.toAbsolutePath().toString()));
        return library.isPresent();
    }

    /** The C library's function {@code name}, bound with {@code signature}; empty when it has none of that name. */
    public static Optional<MethodHandle> systemFunction(String name, Signature signature) {
        return CLinker.systemLookup().lookup(name)
                .map(address -> CLinker.getInstance().downcallHandle(
                        address, signature.type(), signature.descriptor()));
    }

    /** The loaded libraries' function {@code name}, bound with {@code signature}; empty when no library has it. */
    public static Optional<MethodHandle> function(String name, Signature signature) {
        return SymbolLookup.loaderLookup().lookup(name)
                .map(address -> CLinker.getInstance().downcallHandle(
                        address, signature.type(), signature.descriptor()));
    }
}
