# Host image. Build from the repository root: docker build -t navusoftsync .
# It runs in Production (the startup checks then require Auth:Issuer, Auth:Audience,
# Links:CallbackBaseUrl and DataProtection:KeyEncryptionKey; see README "Required settings"),
# as the image's unprivileged user, listening on 8080 inside the container.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Host/Host.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS=http://+:8080
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "Host.dll"]
