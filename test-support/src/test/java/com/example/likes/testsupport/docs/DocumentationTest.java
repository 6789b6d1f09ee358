package com.example.likes.testsupport.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.testsupport.RepositoryRoot;
import org.junit.jupiter.api.Test;

/** Every Markdown file of the repository names only classes, files, settings and variables that exist. */
class DocumentationTest {

    @Test
    void theDocumentationNamesOnlyWhatExists() {
        RepositoryTree tree = RepositoryTree.scan(RepositoryRoot.find());

        assertThat(tree.markdown).contains("README.md");
        assertThat(new DocumentationCheck(tree).problems())
                .as("names in backticks and links of the repository's Markdown that do not exist "
                        + "(or, for a name outside the repository, DocumentationCheck.EXTERNAL_NAMES)")
                .isEmpty();
    }
}
