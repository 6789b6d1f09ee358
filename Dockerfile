# One image per service, built from the repository root; the build argument SERVICE names the module:
#   docker build --build-arg SERVICE=dashboard-service -t dashboard-service .
# (docker compose does this for you, see docker-compose.yml). No `# syntax=` line and no BuildKit-only instructions,
# so the builder built into any Docker Engine builds it without fetching anything but the two base images and
# Maven Central's artifacts; docker-compose 1.29's classic builder as well as BuildKit.

# JDK 25 in every stage: the AOT cache made below belongs to the JDK that runs it (the code targets Java 21).
FROM eclipse-temurin:25-jdk AS build-files
WORKDIR /src
COPY . .
# Only what Maven reads before it compiles: every pom.xml wherever it lies, the wrapper and its settings. No list of
# modules to keep up to date: a new module's pom comes along by itself, and a module the root pom names but the
# tree lacks stops the build with Maven's "Child module ... does not exist". The build stage copies this tree, so
# its download step below is taken from the cache until a pom changes.
RUN find . -type f ! -name pom.xml ! -name mvnw ! -path './.mvn/*' -delete && find . -type d -empty -delete

FROM eclipse-temurin:25-jdk AS build
# Maven 3.9 still calls sun.misc.Unsafe, which JDK 24+ warns about on every run.
ENV MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
WORKDIR /src
COPY --from=build-files /src ./
# Every module's dependencies and plugins, in a layer of their own that both services' images share (kept while the
# poms stay as they are). What go-offline cannot foresee (protoc, some plugins' own libraries) the package step
# below still fetches.
RUN ./mvnw -B -q dependency:go-offline
ARG SERVICE
RUN test -n "$SERVICE" || { echo "Set the build argument SERVICE to the module to build, e.g. --build-arg SERVICE=dashboard-service" >&2; exit 1; }
COPY . .
RUN test -f "$SERVICE/pom.xml" || { echo "No module $SERVICE in this repository" >&2; exit 1; } \
 && ./mvnw -B -q -pl "$SERVICE" -am -Dmaven.test.skip=true -Dspotless.check.skip=true package \
 && cp "$SERVICE/target/$SERVICE.jar" /app.jar \
 && java -Djarmode=tools -jar /app.jar extract --layers --destination /layers \
 && javac --release 21 -d /health-probe docker/health-probe/HealthProbe.java

FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --no-create-home app
WORKDIR /app
# The health check docker-compose.yml runs: java and one class, no curl in the image (docker/health-probe).
COPY --from=build /health-probe/ ./health-probe/
# One layer per Spring Boot layer: dependencies change rarely, the application on every build.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# The JVM options of the local stack (LocalStack.SERVICE_JVM_OPTIONS), which the manifests' memory limits are sized
# for: a 192 MB heap with the serial collector, half-size thread stacks, freed native memory returned every 10 s.
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -Xmx192m -Xss512k -XX:TrimNativeHeapInterval=10000 -XX:+ExitOnOutOfMemoryError"
# The JDK's ahead-of-time cache, made as Spring Boot documents it (decision 37): a training run that refreshes the
# application context and exits before it listens, recording the classes a start loads and links, with the JVM options
# above. Every start of the container maps it and is ready in about half the time. The build has neither a database
# nor certificates, so this run alone skips Flyway and gRPC's TLS, which only the dev profile allows; the container's
# own start has none of these settings.
RUN java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -Dspring.profiles.active=dev \
    -Dspring.flyway.enabled=false -Dplatform.grpc.tls.enabled=false -jar app.jar
ARG SERVICE
LABEL org.opencontainers.image.title="$SERVICE"
USER 10001
# Ports and the health check are docker-compose.yml's (the one place that names them for each service).
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-jar", "app.jar"]
