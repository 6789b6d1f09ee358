
    /** __callee__-service, played by a fake of its gRPC services (scripts/new-client). */
    @RegisterExtension
    protected static final FakeGrpcServer __callee__ =
            FakeGrpcServer.start(GrpcGrants.testKey("__caller__-service"), __service_descriptors__);
