package com.example.likes.platform.config;

import com.example.likes.platform.config.DevelopmentMode.DevelopmentSettingOutsideDevException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link DevelopmentMode}'s refusal into Spring Boot's short "APPLICATION FAILED TO START" report. */
class DevelopmentModeFailureAnalyzer extends AbstractFailureAnalyzer<DevelopmentSettingOutsideDevException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DevelopmentSettingOutsideDevException cause) {
        return new FailureAnalysis(
                cause.getMessage() + ", and the dev profile is not active.",
                "Outside development, give the setting a value of your own (see docs/security.md). For"
                        + " development only, start with the dev profile (SPRING_PROFILES_ACTIVE=dev).",
                cause);
    }
}
