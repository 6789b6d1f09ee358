package com.example.likes.platform.db;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.resilience.annotation.EnableResilientMethods;

/**
 * Turns on Spring's {@code @Retryable}, with which use cases retry a transient database fault once
 * ({@link TransientFaults}). Spring places the retry outside the transaction, so every attempt is a fresh one.
 */
@AutoConfiguration
@EnableResilientMethods
public class DatabaseRetryAutoConfiguration {}
