"""Build examples/week07.ipynb (the Fashion-MNIST project) and run it on minigrad.

    python examples/make_week07.py               # build, run on minigrad, save
    python examples/make_week07.py --no-execute  # build only, without outputs

Cells in the percent format of _notebooks.py. SETUP holds the only cells
that are not course code: the alias line and the offline stand-in for
Fashion-MNIST; COURSE follows the course's honors project (a CNN with batch
norm on 16 x 16 images), each plot saved as a PNG beside the notebook.
"""
# ruff: noqa: E501  (markdown cells are kept as written)

from pathlib import Path

from _notebooks import build as _build
from _notebooks import main, torchvision_setup
from make_week06 import CNN_BATCH

NOTEBOOK = Path(__file__).resolve().parent / "week07.ipynb"

SETUP = torchvision_setup(
    data="""\
The machines that build this notebook cannot download Fashion-MNIST, and no Python package
ships it, so the second cell writes an offline stand-in in torchvision's folder layout
(`./data/FashionMNIST/raw/*-ubyte`): it holds digits (scikit-learn's 8x8 digits placed into
28x28 images), not clothes, so the class names below do not describe the pictures. The
course's `torchvision.datasets.FashionMNIST(...)` calls load it unchanged, except
`download=False`: with the files in place, `download=True` would not download either.
""",
    precision="""\
The cost and accuracy are printed with three digits, and the network is trained in float64
(one added line, explained before the training): the two libraries sum in different
orders (oneDNN and MKL against NumPy), and those last-bit differences must not show.
""",
    standin="make_standin('./data', kind='FashionMNIST', n_train=1000, seed=7)",
)

COURSE = r"""
# %% [markdown]
## week 7
# %% [markdown]
references
* https://www.coursera.org/learn/deep-neural-networks-with-pytorch/
* https://github.com/damounayman/Deep-Neural-Networks-with-PyTorch/tree/main/Week7
# %% [markdown]
### Fashion-MNIST Project
Classify 16 x 16 images of Fashion-MNIST with a convolutional neural network with batch
normalization.
# %% [markdown]
#### Preparation
# %%
import time

import matplotlib.pyplot as plt
import numpy as np

import torch
import torch.nn
import torch.utils.data
import torchvision.transforms as transforms
import torchvision.datasets as dsets
# %% [markdown]
**Added: training in float64.** The course trains in float32. This notebook trains in
float64 so that it prints the same numbers on minigrad and on PyTorch: in float32 the two
libraries sum in different orders, and a last-bit difference decides which of two nearly
equal values a max pooling window passes on, and with it which weights the gradient
reaches. After a few dozen steps such a switch shows in the third digit of the cost.
# %%
torch.set_default_dtype(torch.float64)
# %%
def show_data(data_sample, ax):
  ax.imshow(data_sample[0].numpy().reshape(IMAGE_SIZE, IMAGE_SIZE), cmap='gray')
  ax.set_title('y = ' + str(data_sample[1]))
# %% [markdown]
#### Questions 1: Create a Dataset Class
Resize the images to 16 x 16 and convert them to tensors.
# %%
IMAGE_SIZE = 16

composed = transforms.Compose([transforms.Resize((IMAGE_SIZE, IMAGE_SIZE)), transforms.ToTensor()])
# %%
dataset_train = dsets.FashionMNIST(root='./data', train=True, download=False, transform=composed)
dataset_val = dsets.FashionMNIST(root='./data', train=False, download=False, transform=composed)
dataset_val
# %%
print(len(dataset_train), len(dataset_val))
print(dataset_train.classes)
# %% [markdown]
The first three validation samples:
# %%
fig, axes = plt.subplots(1, 3, figsize=(8, 3))
for n, data_sample in enumerate(dataset_val):
  show_data(data_sample, axes[n])
  if n == 2:
    break
plt.savefig('week07_samples.png')  # added: keeps the plot as a PNG
# %% [markdown]
#### Questions 2: Create the Network
"""
COURSE += (
    CNN_BATCH
    + r"""
# %%
train_loader = torch.utils.data.DataLoader(dataset=dataset_train, batch_size=100)
test_loader = torch.utils.data.DataLoader(dataset=dataset_val, batch_size=100)
# %%
torch.manual_seed(0)

model = CNN_batch(out_1=16, out_2=32, number_of_classes=10)
model
# %% [markdown]
#### Questions 3: Train the Network
# %%
criterion = torch.nn.CrossEntropyLoss()
learning_rate = 0.1
optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
# %%
start_time = time.time()

cost_list = []
accuracy_list = []
N_test = len(dataset_val)
n_epochs = 5
for epoch in range(n_epochs):
  cost = 0
  model.train()
  for x, y in train_loader:
    optimizer.zero_grad()
    z = model(x)
    loss = criterion(z, y)
    loss.backward()
    optimizer.step()
    cost += loss.item()
  correct = 0
  # perform a prediction on the validation data
  model.eval()
  for x_test, y_test in test_loader:
    z = model(x_test)
    _, yhat = torch.max(z.data, 1)
    correct += (yhat == y_test).sum().item()
  accuracy = correct / N_test
  accuracy_list.append(accuracy)
  cost_list.append(cost)
  print(f"epoch {epoch}: cost {cost:.3f}, validation accuracy {accuracy:.3f}")

training_time = time.time() - start_time
# %% [markdown]
#### Questions 4: Analyse the Results
The cost (the sum of the batch losses of an epoch) and the validation accuracy after each epoch:
# %%
fig, ax1 = plt.subplots()
color = 'tab:red'
ax1.plot(cost_list, color=color)
ax1.set_xlabel('epoch', color=color)
ax1.set_ylabel('Cost', color=color)
ax1.tick_params(axis='y', color=color)

ax2 = ax1.twinx()
color = 'tab:blue'
ax2.set_ylabel('accuracy', color=color)
ax2.set_xlabel('epoch', color=color)
ax2.plot(accuracy_list, color=color)
ax2.tick_params(axis='y', color=color)
fig.tight_layout()
plt.savefig('week07_cost_accuracy.png')  # added: keeps the plot as a PNG
# %% [markdown]
The validation images the trained network gets wrong (at most five):
# %%
misclassified = []
for x, y in torch.utils.data.DataLoader(dataset=dataset_val, batch_size=1):
  z = model(x)
  _, yhat = torch.max(z, 1)
  if yhat != y:
    misclassified.append((x, y.item(), yhat.item()))
print(len(misclassified), "misclassified of", N_test)

fig, axes = plt.subplots(1, 5, figsize=(12, 3))
for ax, (x, y, yhat) in zip(axes, misclassified):
  ax.imshow(x[0, 0].numpy(), cmap='gray')
  ax.set_title(f'y = {y}, yhat = {yhat}')
plt.savefig('week07_misclassified.png')  # added: keeps the plot as a PNG
"""
)


def build():
    """The notebook without outputs, with stable cell ids."""
    return _build(SETUP, COURSE)


if __name__ == "__main__":
    main(build(), NOTEBOOK, __doc__.splitlines()[0])
