package com.example.likes.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RssTest {

    @Test
    void theResidentSetIsReadFromTheVmRssLineInMegabytes() {
        String status = "Name:\tjava\nVmHWM:\t  512000 kB\nVmRSS:\t  358400 kB\nThreads:\t42\n";

        assertThat(Rss.megabytes(status)).isEqualTo(350);
    }

    @Test
    void aStatusWithoutOneGivesMinusOne() {
        assertThat(Rss.megabytes("Name:\tkthreadd\n")).isEqualTo(-1);
    }
}
