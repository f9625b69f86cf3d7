package io.glassbox.web;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Handles on the private members the terminal's direct paths reach (WebSockets Next's connection, Vert.x's web
 * socket wrapper, Netty's NIO event loop), each looked up once. Where a library's version lacks the member or the
 * JVM refuses access, the handle is null and the caller takes the public path (docs/terminal-engine.md).
 */
final class PrivateMembers {

    private PrivateMembers() {
    }

    /**
     * The method {@code name}, without parameters, that the class named {@code owner} declares, as {@code type}
     * (for a library's implementation class, not referenced at compile time); null if unreachable.
     */
    static MethodHandle method(String owner, String name, MethodType type) {
        try {
            return method(Class.forName(owner), name, type);
        } catch (ClassNotFoundException | RuntimeException e) {
            return null;
        }
    }

    /** The method {@code name}, without parameters, that {@code owner} declares, as {@code type}; else null. */
    static MethodHandle method(Class<?> owner, String name, MethodType type) {
        try {
            Method method = owner.getDeclaredMethod(name);
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method).asType(type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** A getter of the field {@code name} that {@code owner} declares; null if unreachable. */
    static MethodHandle getter(String owner, String name) {
        try {
            Field field = Class.forName(owner).getDeclaredField(name);
            field.setAccessible(true);
            return MethodHandles.lookup().unreflectGetter(field);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
