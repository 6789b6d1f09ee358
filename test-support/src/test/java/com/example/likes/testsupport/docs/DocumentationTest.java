package com.example.likes.testsupport.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every Markdown file of the repository names only classes, files, settings and variables that exist. */
class DocumentationTest {

    @Test
    void theDocumentationNamesOnlyWhatExists() {
        RepositoryTree tree = RepositoryTree.scan(repositoryRoot());

        assertThat(tree.markdown).contains("README.md");
        assertThat(new DocumentationCheck(tree).problems())
                .as("names in backticks and links of the repository's Markdown that do not exist "
                        + "(or, for a name outside the repository, DocumentationCheck.EXTERNAL_NAMES)")
                .isEmpty();
    }

    // The folder with the Maven wrapper's settings: the top of the reactor, whichever module the test runs in.
    private static Path repositoryRoot() {
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
