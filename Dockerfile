# kinmap server image. Build context: the repository root.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/kinmap ./cmd/kinmap

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates wget \
    && rm -rf /var/lib/apt/lists/* && useradd --system --uid 10001 kinmap
# Fonts for PNG maps: Latin, Arabic script, Ethiopic and colour emoji (viz/render/pngtext.go).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-core fonts-noto-color-emoji \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/kinmap /usr/local/bin/kinmap
USER kinmap
ENV KINMAP_ADDR=:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD wget -qO- http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["kinmap"]
CMD ["serve"]
