        registry.add("spring.grpc.client.channel.__callee__-service.target", __callee__::target);
        registry.add("platform.grpc.client.api-keys.__callee__-service", __callee__::apiKey);
