package com.example.likes.platform.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A service that stands on the platform and has nothing of its own but {@link TestGrpcService} and
 * {@link TestController}: the platform's tests run against it, through real ports.
 */
@SpringBootApplication
public class PlatformTestApplication {}
