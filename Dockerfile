# The roster image of the reference deployment (compose.yaml): the API and the Celery worker.
FROM python:3.11-slim
WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir ".[distributed]" && useradd --create-home roster
USER roster
EXPOSE 8000
CMD ["roster", "serve", "--host", "0.0.0.0"]
