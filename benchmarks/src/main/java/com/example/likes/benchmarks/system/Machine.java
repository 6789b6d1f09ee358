package com.example.likes.benchmarks.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The machine a run measured, read by the run itself.
 *
 * @param cores available processors ({@code nproc})
 * @param memory total memory, e.g. {@code 23.5 GiB}
 * @param cpuModel the CPU's model name from {@code /proc/cpuinfo}
 * @param os the operating system and kernel
 * @param jdk the JDK running the generator and the services
 */
public record Machine(int cores, String memory, String cpuModel, String os, String jdk) {

    public static Machine current() {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                totalMemory(),
                firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"),
                firstValue(Path.of("/etc/os-release"), "PRETTY_NAME")
                                .map(name -> name.replace("\"", ""))
                                .orElse(System.getProperty("os.name"))
                        + ", kernel " + System.getProperty("os.version"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
    }

    private static String totalMemory() {
        return firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(kb -> "%.1f GiB".formatted(Long.parseLong(kb.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                .orElse("unknown");
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(l.contains(":") ? ':' : '=') + 1)
                            .trim())
                    .findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
