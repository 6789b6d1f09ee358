package com.example.likes.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checks that read the repository's own files find it from whichever module runs them. */
public final class RepositoryRoot {

    private RepositoryRoot() {}

    /** The folder with the Maven wrapper's settings: the top of the reactor. */
    public static Path find() {
        Path folder = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(folder.resolve(".mvn"))) {
            folder = folder.getParent();
            assertThat(folder)
                    .as("a folder above the working directory with .mvn/")
                    .isNotNull();
        }
        return folder;
    }
}
